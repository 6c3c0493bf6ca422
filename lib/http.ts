import type { Readable } from "node:stream";
import { getConfig } from "./config";
import { UNSTORABLE_TEXT_MESSAGE, findUnstorableText } from "./text";
import { recognisedAcrossCopies } from "./cross-copy";

/** Small helpers for the JSON route handlers outside GraphQL. */

/**
 * What these helpers read from a request: a fetch Request satisfies it, and
 * so does the light request the fast path builds (server/fast-path.ts).
 */
export interface RequestHead {
  url: string;
  headers: { get(name: string): string | null };
}

/** Set by server/fast-path.ts (createRequestListener) from the socket; any value a client sends is overwritten there. */
export const CLIENT_ADDRESS_HEADER = "x-compass-client-address";

/**
 * The request's id (server/observe.ts): set by the server on every request
 * before any handler runs, replacing whatever a client sent unless TRUST_PROXY.
 */
export const REQUEST_ID_HEADER = "x-request-id";

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
 * server/fast-path.ts has already refused hosts outside ALLOWED_HOSTS (lib/hosts.ts).
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

// ------------------------------------------------------------ bodies

/**
 * A request whose body can be read: a fetch Request (its `body` stream), or
 * the fast path's light request over node:http (its `readBody`).
 */
export interface BodyRequest extends RequestHead {
  body?: ReadableStream<Uint8Array> | null;
  /** Reads at most `maxBytes`; set by the fast path (server/fast-path.ts), which has no fetch Request. */
  readBody?(maxBytes: number): Promise<string>;
}

/** The body is larger than the limit its reader was given; each route answers 413 in its own error format. */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The body must be at most ${maxBytes} bytes`);
  }
}
recognisedAcrossCopies(BodyTooLargeError, "BodyTooLargeError");

/** The client went away before its body was complete: a client event, not a server error. */
export class ClientAbortedError extends Error {
  constructor() {
    super("The client aborted the request before sending its whole body");
  }
}
recognisedAcrossCopies(ClientAbortedError, "ClientAbortedError");

/**
 * THE body reader: every body in the codebase is read through it, each
 * caller with its own limit. A declared Content-Length over the limit is
 * refused before reading anything, and a chunked (or lying) body is read
 * only up to the limit and then abandoned, so a client cannot make the
 * server buffer more than `maxBytes` whatever it sends.
 */
export async function readBodyText(request: BodyRequest, maxBytes: number): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw new BodyTooLargeError(maxBytes);
  if (request.readBody) return request.readBody(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    // A body stream fails only when the client's side of it does.
    const { done, value } = await reader.read().catch(() => {
      throw new ClientAbortedError();
    });
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Stops the stream: nothing more is pulled from the client.
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The node:http flavour of readBodyText (the fast path's requests). Past the
 * limit it stops reading (pauses the socket) rather than destroying it, so
 * the caller can still answer 413; that answer closes the connection.
 */
export function readNodeBody(req: Readable, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.on("error", () => undefined); // later errors of an abandoned body are of no interest
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        cleanup();
        req.pause();
        reject(new BodyTooLargeError(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks).toString("utf8"));
    };
    // node:http reports a client that hangs up mid-body as an "aborted" error (ECONNRESET).
    const onError = () => {
      cleanup();
      reject(new ClientAbortedError());
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

/** Limit of the sign-in and setup routes' JSON bodies: a few short fields. */
const MAX_JSON_BODY_BYTES = 16 * 1024;

/**
 * Reads a small JSON object body. Only application/json is accepted, which a
 * cross-site HTML form cannot send, so these endpoints are closed to CSRF.
 */
export async function readJsonObject(request: Request): Promise<Record<string, unknown> | Response> {
  const type = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (type !== "application/json") return jsonError(415, "unsupported_media_type", "Send the body as application/json");
  let text: string;
  try {
    text = await readBodyText(request, MAX_JSON_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return jsonError(413, "payload_too_large", error.message);
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
