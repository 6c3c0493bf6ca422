import { REQUEST_ID_HEADER } from "@/lib/http";
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { API_TOKEN_PREFIX } from "@/domain/api-tokens/api-token.service";
import { log } from "@/lib/logger";
import { GRAPHQL_PATH, INTROSPECTION_PATH, JWKS_PATH, METADATA_PATH, REVOCATION_PATH, TOKEN_PATH } from "@/lib/paths";

/**
 * What the server notes about every request: its id, and once answered one
 * access-log line and the HTTP metrics (server/metrics.ts).
 */
export { REQUEST_ID_HEADER };

/** What a proxy's request id may look like: visible ASCII without quotes or separators, short. */
const REQUEST_ID_SHAPE = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * The incoming X-Request-Id behind a trusted proxy (which set it), when it is
 * a plausible id; otherwise a new one. A client's own id is never believed
 * without TRUST_PROXY: it could make its requests look like someone else's in the log.
 */
export function requestIdOf(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const given = req.headers[REQUEST_ID_HEADER];
    if (typeof given === "string" && REQUEST_ID_SHAPE.test(given)) return given;
  }
  return randomUUID();
}

const KNOWN_ROUTES = new Set([
  GRAPHQL_PATH,
  TOKEN_PATH,
  INTROSPECTION_PATH,
  REVOCATION_PATH,
  METADATA_PATH,
  JWKS_PATH,
  "/api/health",
  "/api/health/live",
  "/api/health/ready",
  "/api/auth/login",
  "/api/auth/logout",
  "/api/auth/setup",
  "/api/auth/reset-password",
]);

/**
 * A route name from a fixed set, for the access log and the metrics' labels:
 * the API's own paths as they are, anything else by kind (a page's path can
 * hold ids, and any client can invent paths).
 */
export function routeOf(url: string): string {
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  if (KNOWN_ROUTES.has(path)) return path;
  if (path.startsWith(`${GRAPHQL_PATH}/`)) return GRAPHQL_PATH;
  if (path.startsWith("/_next/")) return "/_next/*";
  if (path.startsWith("/api/") || path.startsWith("/oauth2/") || path.startsWith("/.well-known/")) return "other";
  return "page";
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
/** The method as a bounded label: a client may send any token as a method. */
export const methodOf = (method: string | undefined) => (method && METHODS.has(method) ? method : "OTHER");

/**
 * Who called, by the kind of credential presented (never the credential):
 * api_token, access_token, client (HTTP Basic, or a form post to an OAuth2
 * endpoint), session, or anonymous. Presented, not proven: the status says
 * whether it was accepted.
 */
export function callerOf(req: IncomingMessage, route: string): string {
  const authorization = req.headers.authorization;
  if (authorization) {
    if (/^bearer\s/i.test(authorization)) return authorization.slice(7).trimStart().startsWith(API_TOKEN_PREFIX) ? "api_token" : "access_token";
    if (/^basic\s/i.test(authorization)) return "client";
    return "other";
  }
  if (route.startsWith("/oauth2/")) return "client";
  if (req.headers.cookie?.includes("compass_session=")) return "session";
  return "anonymous";
}

/** Called once per answered (or abandoned) request, when metrics are on. */
export type RequestObserver = (route: string, method: string, status: number, seconds: number) => void;

/**
 * Gives the request its id (also in req.headers, which the Next child and the
 * handlers read), returns it in the answer, and when the answer is done
 * writes the access-log line and tells `observe`.
 */
export function trackRequest(req: IncomingMessage, res: ServerResponse, trustProxy: boolean, accessLog: boolean, observe: RequestObserver | null): string {
  const requestId = requestIdOf(req, trustProxy);
  req.headers[REQUEST_ID_HEADER] = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  if (accessLog || observe) {
    const started = performance.now();
    res.once("close", () => {
      const seconds = (performance.now() - started) / 1000;
      const url = req.url ?? "/";
      const route = routeOf(url);
      const method = methodOf(req.method);
      // An answer never finished (the client left, or shutdown cut it) is logged as such, not as its intended status.
      const status = res.writableFinished ? res.statusCode : 499;
      observe?.(route, method, status, seconds);
      if (accessLog) {
        const query = url.indexOf("?");
        log.info("request", {
          requestId,
          method,
          route,
          // Without the query, which may carry a one-time token (the setup link).
          path: (query === -1 ? url : url.slice(0, query)).slice(0, 256),
          status,
          durationMs: Math.round(seconds * 10_000) / 10,
          caller: callerOf(req, route),
        });
      }
    });
  }
  return requestId;
}
