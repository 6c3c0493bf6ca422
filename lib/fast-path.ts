import type { IncomingMessage, ServerResponse } from "node:http";
import { getGraphQLServer } from "../graphql/yoga";
import { readNodeBody } from "./http";
import { log } from "./logger";
import type { EndpointRequest, EndpointResponse } from "./oauth2/protocol";
import { handleOAuthRequest, isOAuthPath } from "./oauth2/routes";
import { GRAPHQL_PATH } from "./paths";

/**
 * The hot paths, served straight from node:http: the GraphQL API and the
 * authorization server. They call the same handlers as their route files,
 * without Next's per-request routing (DESIGN.md, "Hot paths").
 *
 * The OAuth2 endpoints take a light request built here rather than a fetch
 * Request, and their plain responses are written directly: building and
 * reading Request and Response objects cost more than issuing the token.
 */
function isGraphQLPath(url: string): boolean {
  return url === GRAPHQL_PATH || url.startsWith(GRAPHQL_PATH + "?") || url.startsWith(GRAPHQL_PATH + "/");
}

function endpointRequest(req: IncomingMessage): EndpointRequest {
  return {
    method: req.method ?? "GET",
    // Only the path and query matter to the endpoints; the origin comes from the Host header (lib/http.ts).
    url: `http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`,
    headers: {
      get(name) {
        const value = req.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
    },
    // Each endpoint reads with its own limit; reading stops there (lib/http.ts).
    readBody: (maxBytes) => readNodeBody(req, maxBytes),
  };
}

function writeResponse(res: ServerResponse, response: EndpointResponse): void {
  const body = response.body === null ? null : Buffer.from(response.body);
  // A body refused past its limit is left unread, not drained: the connection closes instead.
  if (response.status === 413) res.shouldKeepAlive = false;
  res.writeHead(response.status, body ? { ...response.headers, "content-length": body.length } : response.headers);
  res.end(body);
}

function serveOAuth(req: IncomingMessage, res: ServerResponse): void {
  handleOAuthRequest(endpointRequest(req)).then(
    (response) => writeResponse(res, response),
    (error: Error) => {
      // The endpoints answer their own errors; this is a bug in the plumbing.
      log.error("unexpected error serving an OAuth2 request", { error: error.stack ?? error.message });
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "server_error" }));
    },
  );
}

/** Returns a listener that serves a hot-path request and returns true, or returns false for anything else. */
export function createFastPath(): (req: IncomingMessage, res: ServerResponse) => boolean {
  const graphql = getGraphQLServer();
  return (req, res) => {
    const url = req.url ?? "";
    if (isGraphQLPath(url)) {
      graphql(req, res);
      return true;
    }
    if (isOAuthPath(url)) {
      serveOAuth(req, res);
      return true;
    }
    return false;
  };
}
