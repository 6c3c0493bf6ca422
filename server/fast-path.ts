import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { GraphQLServer } from "@/graphql/yoga";
import { type Instance, getInstance } from "@/app/instance";
import { connectorServer, graphqlServer } from "@/app/graphql-server";
import type { AuthorizationServer } from "@/oauth2/authorization-server";
import { type Config, getConfig } from "@/lib/config";
import { isAllowedHost } from "@/lib/hosts";
import { CLIENT_ADDRESS_HEADER, REQUEST_ID_HEADER, readNodeBody } from "@/lib/http";
import { log } from "@/lib/logger";
import type { EndpointRequest, EndpointResponse } from "@/oauth2/protocol";
import { handleOAuthRequest, isOAuthPath } from "@/oauth2/routes";
import { failureResponse } from "@/oauth2/endpoints";
import { classifyFailure } from "@/domain/errors";
import { CONNECTOR_PATH, GRAPHQL_PATH } from "@/lib/paths";
import type { Db } from "@/lib/db";
import { healthAnswer } from "@/lib/health";
import { type RequestObserver, trackRequest } from "./observe";
import { API_CONTENT_SECURITY_POLICY, HOT_PATH_HEADERS, baseSecurityHeaders, graphiqlPage, setDefaultHeaders } from "@/lib/security-headers";

/**
 * The hot paths, served straight from node:http: the GraphQL API and the
 * authorization server. They call the same handlers as their route files,
 * without Next's per-request routing (docs/decisions/0001-next-in-a-child-process.md).
 *
 * The OAuth2 endpoints take a light request built here rather than a fetch
 * Request, and their plain responses are written directly: building and
 * reading Request and Response objects cost more than issuing the token.
 */
function isGraphQLPath(url: string): boolean {
  return url === GRAPHQL_PATH || url.startsWith(`${GRAPHQL_PATH}?`) || url.startsWith(`${GRAPHQL_PATH}/`);
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

/**
 * Writes an endpoint's answer with the hot path's default headers in one
 * writeHead: a flat list (names already lower case, defaults the answer does
 * not set itself) skips node's per-header bookkeeping of setHeader, and a
 * string body goes out in the same write as the head.
 */
function writeResponse(res: ServerResponse, response: EndpointResponse, defaults: readonly [string, string][]): void {
  // A body refused past its limit is left unread, not drained: the connection closes instead.
  if (response.status === 413) res.shouldKeepAlive = false;
  const head: string[] = [];
  for (const [name, value] of defaults) if (!(name in response.headers)) head.push(name, value);
  for (const name in response.headers) head.push(name, response.headers[name]);
  if (response.body !== null) head.push("content-length", String(Buffer.byteLength(response.body)));
  res.writeHead(response.status, head);
  if (response.body === null) res.end();
  else res.end(response.body);
}

function serveOAuth(server: AuthorizationServer, req: IncomingMessage, res: ServerResponse, defaults: readonly [string, string][]): void {
  handleOAuthRequest(server, endpointRequest(req)).then(
    (response) => writeResponse(res, response, defaults),
    (error: unknown) => {
      // The endpoints answer their own errors; this is a bug in the plumbing,
      // answered and logged through the one failure classifier all the same.
      const response = failureResponse(error, "serving an OAuth2 request", req.headers[REQUEST_ID_HEADER] as string);
      if (res.headersSent) res.destroy();
      else writeResponse(res, response, defaults);
    },
  );
}

/** A browser asking for a page: GraphiQL, when yoga renders it. */
const wantsHtml = (req: IncomingMessage) => req.method === "GET" && (req.headers.accept ?? "").includes("text/html");

/**
 * GraphiQL's page needs its own policy, with a nonce on its inline scripts:
 * the answer is read whole (a small page, asked for by people only) and its
 * tags get the nonce. Any other answer to such a request streams through.
 */
async function serveGraphQLPage(graphql: GraphQLServer, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const response = await graphql.handleNodeRequestAndResponse(req, res);
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if ((response.headers.get("content-type") ?? "").startsWith("text/html")) {
    const page = graphiqlPage(await response.text());
    const html = Buffer.from(page.html);
    delete headers["content-length"];
    res.writeHead(response.status, { ...headers, "content-security-policy": page.contentSecurityPolicy, "content-length": html.length });
    res.end(html);
    return;
  }
  res.writeHead(response.status, headers);
  if (response.body) Readable.fromWeb(response.body as NodeReadableStream).pipe(res);
  else res.end();
}

const HEALTH_PATHS = new Set(["/api/health", "/api/health/live", "/api/health/ready"]);

/**
 * The health checks, here rather than in Next: a probe must be answered while
 * Next is busy rendering, and readiness must see this process's shutdown.
 * Other methods go on to Next's route files, which answer 405.
 */
function serveHealth(db: () => Db, req: IncomingMessage, res: ServerResponse, path: string, defaults: readonly [string, string][]): void {
  healthAnswer(path, db).then(
    (answer) => {
      const body = JSON.stringify(answer!.body);
      writeResponse(
        res,
        { status: answer!.status, headers: { "content-type": "application/json", "cache-control": "no-store" }, body: req.method === "HEAD" ? null : body },
        defaults,
      );
    },
    (error: unknown) => {
      const failure = classifyFailure(error, "answering a health check", req.headers[REQUEST_ID_HEADER] as string);
      writeResponse(
        res,
        {
          status: 503,
          headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
          body: failure.kind === "domain" ? failure.error.message : failure.message,
        },
        defaults,
      );
    },
  );
}

/** The health check a request asks for on the fast path, or null. */
function healthPath(req: IncomingMessage): string | null {
  const url = req.url ?? "";
  if (!url.startsWith("/api/health") || (req.method !== "GET" && req.method !== "HEAD")) return null;
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  return HEALTH_PATHS.has(path) ? path : null;
}

/**
 * Returns a listener that serves a hot-path request with `instance`'s GraphQL
 * and authorization servers (app/instance.ts) and returns true, or returns false for anything else.
 */
export function createFastPath(instance: Instance): (req: IncomingMessage, res: ServerResponse) => boolean {
  const graphql = graphqlServer(instance);
  const { oauth2 } = instance;
  const headers = { ...baseSecurityHeaders(instance.config), ...HOT_PATH_HEADERS };
  const headerList = Object.entries(headers);
  return (req, res) => {
    const url = req.url ?? "";
    if (isGraphQLPath(url)) {
      setDefaultHeaders(res, headers);
      if (wantsHtml(req)) {
        serveGraphQLPage(graphql, req, res).catch((error: unknown) => {
          // Through the one failure classifier: an outage is 503 with Retry-After, a bug 500 with an error id.
          const failure = classifyFailure(error, "serving GraphiQL", req.headers[REQUEST_ID_HEADER] as string);
          if (res.headersSent) return void res.destroy();
          const [status, headers, message] =
            failure.kind === "unavailable"
              ? [503, { "retry-after": String(failure.retryAfterSeconds) }, failure.message]
              : failure.kind === "internal"
                ? [500, {}, failure.message]
                : [400, {}, failure.error.message];
          res.writeHead(status, { ...headers, "content-type": "text/plain; charset=utf-8" }).end(message);
        });
      } else {
        graphql(req, res);
      }
      return true;
    }
    if (isOAuthPath(url)) {
      serveOAuth(oauth2, req, res, headerList);
      return true;
    }
    if (url === CONNECTOR_PATH || url.startsWith(`${CONNECTOR_PATH}?`)) {
      setDefaultHeaders(res, headers);
      connectorServer(instance)(req, res);
      return true;
    }
    return false;
  };
}

/**
 * The host a request names: X-Forwarded-Host behind a trusted proxy (the
 * origin lib/http.ts builds URLs from), else its Host header.
 */
function requestedHost(req: IncomingMessage, config: Config): string | undefined {
  if (config.trustProxy) {
    const forwarded = req.headers["x-forwarded-host"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0].trim();
    if (first) return first;
  }
  return req.headers.host;
}

/**
 * The server's request entry (server/main.ts listens with it): every request, fast path or Next,
 * passes here once. It sets the client address from the socket, refuses
 * hosts this server does not answer for (421: the client may retry at the
 * right one), and gives every answer the base security headers.
 */
export interface ListenerOptions {
  /** Counts each answered request (server/metrics.ts), when metrics are on. */
  observe?: RequestObserver | null;
  /** Runs each request inside its trace span (server/tracing.ts), when traces are on. */
  trace?: ((req: IncomingMessage, res: ServerResponse, handle: () => void) => void) | null;
  /** The database the health checks probe: the process's instance's by default (app/instance.ts). */
  db?: () => Db;
}

export function createRequestListener(
  fastPath: (req: IncomingMessage, res: ServerResponse) => boolean,
  fallback: RequestListener,
  { observe = null, trace = null, db = () => getInstance().db }: ListenerOptions = {},
): RequestListener {
  const config = getConfig();
  const headers = baseSecurityHeaders(config);
  const healthHeaders = Object.entries({ ...headers, ...HOT_PATH_HEADERS });
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    // Route handlers read the client address from this header (login throttling);
    // a value sent by the client must never be believed. Set here, from the
    // socket, because Next only sees this process's connection.
    req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? "unknown";
    // The probes, whatever the Host: Kubernetes' name the pod's IP address,
    // which no ALLOWED_HOSTS lists, and the answers say nothing a page could
    // abuse. /api/health keeps its contract (issue 11): 421 for a foreign Host.
    const health = healthPath(req);
    if (health && health !== "/api/health") {
      serveHealth(db, req, res, health, healthHeaders);
      return;
    }
    if (!isAllowedHost(requestedHost(req, config), config.allowedHosts)) {
      setDefaultHeaders(res, headers);
      // Not the Host value itself: it is the attacker's text.
      log.debug("refused a request for a host this server does not answer for", { path: req.url });
      res.writeHead(421, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "content-security-policy": API_CONTENT_SECURITY_POLICY });
      res.end("Misdirected request: this server does not answer for that host. Set ALLOWED_HOSTS or PUBLIC_URL.\n");
      // The body may still be arriving; nothing of it is wanted.
      req.resume();
      return;
    }
    if (health) {
      serveHealth(db, req, res, health, healthHeaders);
      return;
    }
    // The fast path writes the base headers with its own (createFastPath).
    if (fastPath(req, res)) return;
    setDefaultHeaders(res, headers);
    fallback(req, res);
  };
  return (req, res) => {
    // First, so that every answer, a refusal too, carries the id and is logged.
    trackRequest(req, res, config.trustProxy, config.accessLog, observe);
    if (trace) trace(req, res, () => serve(req, res));
    else serve(req, res);
  };
}
