import { handleOAuthRequest } from "../../../lib/oauth2/routes";
import { startup } from "../../../lib/startup";

// The same handler the custom server's fast path calls (server.ts); this file
// serves it under `next dev` and is Next's record that the route exists.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handle(request: Request): Promise<Response> {
  await startup();
  return handleOAuthRequest(request);
}

export { handle as GET, handle as HEAD, handle as POST, handle as PUT, handle as PATCH, handle as DELETE, handle as OPTIONS };
