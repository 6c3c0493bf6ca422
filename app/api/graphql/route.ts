import { startup } from "@/app/startup";
import { getGraphQLServer } from "@/graphql/yoga";
import { verifyAccessToken } from "@/oauth2/authorization-server";

// The same handler the custom server's fast path calls (server/main.ts); this file
// serves it under `next dev` and is Next's record that the route exists.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handle(request: Request): Promise<Response> {
  await startup();
  return getGraphQLServer({ verifyAccessToken }).fetch(request);
}

export { handle as GET, handle as POST, handle as OPTIONS };
