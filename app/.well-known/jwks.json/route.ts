import { jwksEndpoint } from "@/oauth2/endpoints";
import { routeFileHandlers } from "@/oauth2/routes";
import { getInstance } from "@/app/instance";

// GET /.well-known/jwks.json: jwksEndpoint in oauth2/endpoints.ts, the same handler the custom
// server's fast path calls (server/fast-path.ts); this file serves it under
// `next dev` and is Next's record that the route exists.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = routeFileHandlers({ GET: jwksEndpoint }, () => getInstance().oauth2);
