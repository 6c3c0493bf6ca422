import { INTROSPECTION_PATH, JWKS_PATH, METADATA_PATH, REVOCATION_PATH, TOKEN_PATH } from "../paths";
import { introspectionEndpoint, jwksEndpoint, metadataEndpoint, revocationEndpoint, tokenEndpoint } from "./endpoints";
import { jsonResponse, methodNotAllowed } from "./protocol";

type Handler = (request: Request) => Promise<Response>;

/** Only POST where the RFCs say so; the documents are GET (and HEAD). */
const ROUTES: Record<string, { GET?: Handler; POST?: Handler }> = {
  [TOKEN_PATH]: { POST: tokenEndpoint },
  [INTROSPECTION_PATH]: { POST: introspectionEndpoint },
  [REVOCATION_PATH]: { POST: revocationEndpoint },
  [METADATA_PATH]: { GET: metadataEndpoint },
  [JWKS_PATH]: { GET: jwksEndpoint },
};

export function isOAuthPath(url: string): boolean {
  const path = url.split("?")[0];
  return path in ROUTES;
}

/** Every request to an authorization-server path, whatever its method. */
export async function handleOAuthRequest(request: Request): Promise<Response> {
  const route = ROUTES[new URL(request.url).pathname];
  if (!route) return jsonResponse({ error: "not_found" }, 404);
  if (request.method === "OPTIONS" && route.GET) {
    // CORS preflight for the public documents.
    return new Response(null, { status: 204, headers: { "access-control-allow-origin": "*", "access-control-allow-methods": "GET" } });
  }
  const handler = request.method === "HEAD" ? route.GET : route[request.method as "GET" | "POST"];
  if (!handler) return methodNotAllowed(route.GET ? "GET, HEAD" : "POST");
  const response = await handler(request);
  return request.method === "HEAD" ? new Response(null, { status: response.status, headers: response.headers }) : response;
}
