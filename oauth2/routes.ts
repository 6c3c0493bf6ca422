import { HOT_PATH_HEADERS } from "@/lib/security-headers";
import { INTROSPECTION_PATH, JWKS_PATH, METADATA_PATH, REVOCATION_PATH, TOKEN_PATH } from "@/lib/paths";
import type { AuthorizationServer } from "./authorization-server";
import { type Handler, introspectionEndpoint, jwksEndpoint, metadataEndpoint, revocationEndpoint, tokenEndpoint } from "./endpoints";
import { type EndpointRequest, type EndpointResponse, jsonResponse, methodNotAllowed, toFetchResponse } from "./protocol";

type Route = { GET?: Handler; POST?: Handler };

/** Only POST where the RFCs say so; the documents are GET (and HEAD). */
const ROUTES: Record<string, Route> = {
  [TOKEN_PATH]: { POST: tokenEndpoint },
  [INTROSPECTION_PATH]: { POST: introspectionEndpoint },
  [REVOCATION_PATH]: { POST: revocationEndpoint },
  [METADATA_PATH]: { GET: metadataEndpoint },
  [JWKS_PATH]: { GET: jwksEndpoint },
};

/** The path of a request target or absolute URL (no query). */
function pathOf(url: string): string {
  const start = url.startsWith("/") ? 0 : url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0) return "/";
  const query = url.indexOf("?", start);
  return query < 0 ? url.slice(start) : url.slice(start, query);
}

export function isOAuthPath(url: string): boolean {
  return pathOf(url) in ROUTES;
}

/** Every request to an authorization-server path, whatever its method, served by the instance's `server`. */
export async function handleOAuthRequest(server: AuthorizationServer, request: EndpointRequest): Promise<EndpointResponse> {
  const route = ROUTES[pathOf(request.url)];
  if (!route) return jsonResponse({ error: "not_found" }, 404);
  return dispatch(route, request, server);
}

/** One endpoint's answer to any method: the handler, a CORS preflight for the documents, or 405. */
async function dispatch(route: Route, request: EndpointRequest, server: AuthorizationServer): Promise<EndpointResponse> {
  if (request.method === "OPTIONS" && route.GET) {
    // CORS preflight for the public documents.
    return { status: 204, headers: { "access-control-allow-origin": "*", "access-control-allow-methods": "GET" }, body: null };
  }
  const handler = request.method === "HEAD" ? route.GET : route[request.method as "GET" | "POST"];
  if (!handler) return methodNotAllowed(route.GET ? "GET, HEAD" : "POST");
  const response = await handler(request, server);
  return request.method === "HEAD" ? { ...response, body: null } : response;
}

/**
 * What an app/ route file exports for one endpoint (every method, as fetch
 * handlers): the same handler and method rules as the fast path
 * (server/fast-path.ts), for `next dev`, with the headers the fast path adds.
 * Start-up has run before (server/main.ts, or instrumentation.ts under `next dev`).
 * `server` gives the process's instance's authorization server (app/instance.ts).
 */
export function routeFileHandlers(route: Route, server: () => AuthorizationServer) {
  const handle = async (request: Request) => {
    const response = await dispatch(route, request, server());
    return toFetchResponse({ ...response, headers: { ...HOT_PATH_HEADERS, ...response.headers } });
  };
  return { GET: handle, HEAD: handle, POST: handle, PUT: handle, PATCH: handle, DELETE: handle, OPTIONS: handle };
}
