import { type BodyRequest, BodyTooLargeError, type RequestHead, readBodyText } from "@/lib/http";
import { recognisedAcrossCopies } from "@/lib/cross-copy";

/**
 * The HTTP side of RFC 6749 shared by the token, introspection and
 * revocation endpoints: form bodies, client credentials in a request, and
 * error responses (§5.2).
 *
 * Endpoints take an `EndpointRequest` (a fetch Request is one) and return a
 * plain `EndpointResponse`: the route files turn it into a Response, the
 * fast path writes it straight to the socket, with no Request or Response
 * objects built on the hot path (server/fast-path.ts).
 */
export interface EndpointRequest extends BodyRequest {
  method: string;
}

export interface EndpointResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON text, or null for an empty body. */
  body: string | null;
}

export function toFetchResponse(response: EndpointResponse): Response {
  return new Response(response.body, { status: response.status, headers: response.headers });
}

/** The RFC 6749 §5.2 codes this server answers with, and their usual status. */
const STATUS = {
  invalid_request: 400,
  invalid_client: 401,
  unsupported_grant_type: 400,
  invalid_scope: 400,
  temporarily_unavailable: 503,
  server_error: 500,
} as const;

export type OAuthErrorCode = keyof typeof STATUS;

const REALM = "compass-director";

export class OAuthError extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    /** Human-readable; never holds a secret or a token. */
    readonly description: string,
    readonly status: number = STATUS[code],
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}
recognisedAcrossCopies(OAuthError, "OAuthError");

/** Responses carrying tokens or client decisions are never cached (RFC 6749 §5.1). */
const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" } as const;

/** A JSON answer, no-store unless `headers` sets its own cache-control (the public documents), which then carries no Pragma. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): EndpointResponse {
  const caching = "cache-control" in headers ? {} : NO_STORE;
  return { status, headers: { "content-type": "application/json;charset=UTF-8", ...caching, ...headers }, body: JSON.stringify(body) };
}

export function errorResponse(error: OAuthError): EndpointResponse {
  const headers = { ...error.headers };
  // Every 401 names the scheme to use (RFC 6749 §5.2, RFC 9110 §15.5.2).
  if (error.status === 401) headers["www-authenticate"] ??= `Basic realm="${REALM}", charset="UTF-8"`;
  return jsonResponse({ error: error.code, error_description: error.description }, error.status, headers);
}

export function methodNotAllowed(allowed: string): EndpointResponse {
  return jsonResponse({ error: "invalid_request", error_description: `Use ${allowed}` }, 405, { allow: allowed });
}

// ------------------------------------------------------------ form bodies

const MAX_FORM_BYTES = 8 * 1024;

/**
 * The request's form parameters. RFC 6749 §3.2: parameters sent without a
 * value are treated as omitted, and none may appear more than once. The
 * query string must carry nothing: credentials in a URL end up in logs.
 */
export async function readForm(request: EndpointRequest): Promise<Map<string, string>> {
  const query = request.url.indexOf("?");
  if (query >= 0 && query < request.url.length - 1) {
    throw new OAuthError("invalid_request", "Send parameters in the request body, not in the URL");
  }
  const type = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    throw new OAuthError("invalid_request", "The body must be application/x-www-form-urlencoded");
  }
  let text: string;
  try {
    text = await readBodyText(request, MAX_FORM_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new OAuthError("invalid_request", error.message, 413);
    throw error;
  }
  const form = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(text)) {
    if (form.has(name)) throw new OAuthError("invalid_request", `Parameter "${safeName(name)}" appears more than once`);
    if (value !== "") form.set(name, value);
  }
  return form;
}

/** Parameter names are echoed in errors, but only short and printable ones. */
function safeName(name: string): string {
  return /^[\w.:-]{1,40}$/.test(name) ? name : "(unprintable)";
}

// ------------------------------------------------------------ client credentials

export interface PresentedClientCredentials {
  clientId: string;
  secret: string;
}

/** RFC 6749 §2.3.1: both halves of Basic credentials are form-urlencoded first. */
function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, " "));
}

/**
 * The client credentials in a request, or null when it carries none. A
 * request may use one method only (RFC 6749 §2.3).
 */
export function presentedCredentials(request: RequestHead, form: Map<string, string>): PresentedClientCredentials | null {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(authorization);
    if (!match) {
      throw new OAuthError("invalid_client", "The Authorization header must be Basic with the form-encoded client id and secret");
    }
    const decoded = Buffer.from(match[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    let clientId: string;
    let secret: string;
    try {
      if (colon < 0) throw new Error("no colon");
      clientId = formDecode(decoded.slice(0, colon));
      secret = formDecode(decoded.slice(colon + 1));
    } catch {
      throw new OAuthError("invalid_client", "The Basic credentials are malformed: expected client_id:client_secret, each form-encoded");
    }
    if (form.has("client_secret")) {
      throw new OAuthError("invalid_request", "Use one client authentication method: Basic or client_secret in the body, not both");
    }
    if (form.has("client_id") && form.get("client_id") !== clientId) {
      throw new OAuthError("invalid_request", "client_id in the body differs from the one in the Authorization header");
    }
    return { clientId, secret };
  }
  const clientId = form.get("client_id");
  const secret = form.get("client_secret");
  if (clientId === undefined && secret === undefined) return null;
  if (clientId === undefined) throw new OAuthError("invalid_request", "client_secret was sent without client_id");
  if (secret === undefined) throw new OAuthError("invalid_client", "Client authentication failed: no client_secret");
  return { clientId, secret };
}
