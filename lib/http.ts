import { getConfig } from "./config";
import { UNSTORABLE_TEXT_MESSAGE, findUnstorableText } from "./text";

/** Small helpers for the JSON route handlers outside GraphQL. */

/**
 * What these helpers read from a request: a fetch Request satisfies it, and
 * so does the light request the fast path builds (server/fast-path.ts).
 */
export interface RequestHead {
  url: string;
  headers: { get(name: string): string | null };
}

/** Set by server.ts from the socket; any value a client sends is overwritten there. */
export const CLIENT_ADDRESS_HEADER = "x-compass-client-address";

export function clientAddress(request: RequestHead): string {
  if (getConfig().trustProxy) {
    const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0].trim();
    if (forwarded) return forwarded;
  }
  return request.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}

/** The first value of a header a proxy may have appended to. */
const firstValue = (value: string | null) => value?.split(",")[0].trim() || null;

/**
 * The origin absolute URLs are built from: PUBLIC_URL alone when it is set,
 * else the request's own. X-Forwarded-Proto/-Host count only with
 * TRUST_PROXY; without it they are the client's word, not a proxy's.
 * server.ts has already refused hosts outside ALLOWED_HOSTS (lib/hosts.ts).
 */
export function publicOrigin(request: RequestHead): string {
  const config = getConfig();
  if (config.publicUrl) return config.publicUrl;
  let protocol = request.url.startsWith("https:") ? "https:" : "http:";
  // The Host header, not request.url: behind the custom server Next rebuilds
  // request.url from its own listening address, while Host is what the client
  // asked for (and what a browser's Origin header names).
  let host = request.headers.get("host");
  if (config.trustProxy) {
    const proto = firstValue(request.headers.get("x-forwarded-proto"))?.toLowerCase();
    if (proto === "https" || proto === "http") protocol = `${proto}:`;
    host = firstValue(request.headers.get("x-forwarded-host")) ?? host;
  }
  return host ? `${protocol}//${host}` : new URL(request.url).origin;
}

/**
 * Whether a browser sent this request from another site: what makes a
 * request that carries the session cookie a forgery (CSRF).
 */
export function isCrossSiteRequest(request: RequestHead): boolean {
  if (request.headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = request.headers.get("origin");
  return origin !== null && origin !== publicOrigin(request);
}

/** Whether the client reached us over https: the same rule as publicOrigin, so cookies and origins agree. */
export function isSecureRequest(request: RequestHead): boolean {
  return publicOrigin(request).startsWith("https:");
}

export function jsonError(status: number, error: string, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error, message }, { status, headers: { "cache-control": "no-store", ...headers } });
}

/**
 * A body larger than its reader's limit. Each way in answers it with 413 in
 * its own format: GraphQL PAYLOAD_TOO_LARGE, OAuth2 invalid_request, JSON
 * payload_too_large.
 */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The body must be at most ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/** What readBoundedBody() reads: a fetch Request, or the light request the fast path builds from a node request. */
export interface BodySource {
  headers: { get(name: string): string | null };
  /** The body's bytes as they arrive. Node's and @whatwg-node's ReadableStreams are async iterables too. */
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null;
}

/**
 * The one bounded body reader, for every way in (GraphQL's request guard,
 * the OAuth2 forms, the JSON routes under /api/auth): a declared
 * Content-Length over `limit` bytes is refused before anything is read, and
 * reading stops (cancelling the stream) as soon as what arrived exceeds it,
 * chunked bodies included. The limit is in bytes, not characters.
 */
export async function readBoundedBody(request: BodySource, limit: number): Promise<string> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw new BodyTooLargeError(limit);
  const body = request.body;
  if (!body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The JSON routes' bodies: a login, a password setup. */
const MAX_JSON_BYTES = 16 * 1024;

/**
 * Reads a small JSON object body. Only application/json is accepted, which a
 * cross-site HTML form cannot send, so these endpoints are closed to CSRF.
 */
export async function readJsonObject(request: Request): Promise<Record<string, unknown> | Response> {
  const type = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (type !== "application/json") return jsonError(415, "unsupported_media_type", "Send the body as application/json");
  let text: string;
  try {
    text = await readBoundedBody(request, MAX_JSON_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return jsonError(413, "payload_too_large", `Body must be at most ${MAX_JSON_BYTES} bytes`);
    throw error;
  }
  try {
    const body = JSON.parse(text);
    if (typeof body === "object" && body !== null && !Array.isArray(body)) {
      const field = findUnstorableText(body, "");
      if (field) return jsonError(400, "invalid_request", `${UNSTORABLE_TEXT_MESSAGE} (in ${field})`);
      return body as Record<string, unknown>;
    }
  } catch {
    // fall through
  }
  return jsonError(400, "invalid_request", "Body must be a JSON object");
}

/**
 * The JSON body of a same-site request, or the response refusing it. JSON
 * alone keeps out HTML forms; the same-site check also refuses other sites' scripts.
 */
export async function readSameSiteJson(request: Request): Promise<Record<string, unknown> | Response> {
  if (isCrossSiteRequest(request)) return jsonError(403, "cross_site", "Cross-site requests are refused");
  return readJsonObject(request);
}

export function stringField(body: Record<string, unknown>, name: string): string | null {
  const value = body[name];
  return typeof value === "string" ? value : null;
}
