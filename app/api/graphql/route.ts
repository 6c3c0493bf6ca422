import { graphqlServer } from "@/app/graphql-server";
import { getInstance } from "@/app/instance";
import { startup } from "@/app/startup";
import { asHotPathResponse } from "@/lib/security-headers";

// The same handler the custom server's fast path calls (server/main.ts); this file
// serves it under `next dev` and is Next's record that the route exists. Its
// answers get the fast path's headers (asHotPathResponse): test/parity.server.test.ts.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handle(request: Request): Promise<Response> {
  const instance = getInstance();
  await startup(instance);
  return asHotPathResponse(await graphqlServer(instance).fetch(request));
}

export { handle as GET, handle as POST, handle as OPTIONS };
