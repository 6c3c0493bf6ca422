import { oauthRouteHandler as handle } from "@/oauth2/route-file";

// The same handler the custom server's fast path calls (server.ts); this file
// serves it under `next dev` and is Next's record that the route exists.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export { handle as GET, handle as HEAD, handle as POST, handle as PUT, handle as PATCH, handle as DELETE, handle as OPTIONS };
