import type { ServerResponse } from "node:http";
import type { Config } from "./config";

/**
 * The security headers, in one place: every answer (server/fast-path.ts), the API and
 * authorization-server answers of the fast path, the console's pages
 * (proxy.ts) and GraphiQL each take theirs from here.
 */

/** A year, the usual HSTS lifetime (and what preload lists ask for). */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 3600;

/** Headers every answer carries, whichever side (fast path or Next) serves it. */
export function baseSecurityHeaders(config: Pick<Config, "publicUrl">): Record<string, string> {
  const headers: Record<string, string> = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
  };
  // Only when the public address is https: HSTS over plain http is ignored by
  // browsers, and set on a bare localhost it would pin every local port to https.
  if (config.publicUrl?.startsWith("https:")) headers["strict-transport-security"] = `max-age=${HSTS_MAX_AGE_SECONDS}`;
  return headers;
}

/** JSON answers (GraphQL, OAuth2, well-known, health): nothing in them may load or be framed. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Request header through which proxy.ts tells the layout the page's nonce. */
export const NONCE_HEADER = "x-nonce";

/** A fresh nonce per page: 128 bits from the CSPRNG. */
export function newNonce(): string {
  // Web Crypto, not node:crypto: proxy.ts imports this too, whatever runtime Next gives it.
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * The console's pages (proxy.ts). Scripts and style elements need the
 * request's nonce, which Next adds to its own tags; 'strict-dynamic' lets
 * those load the chunks they import. Style attributes stay allowed: React
 * renders a few, and they cannot run code.
 */
export function pageContentSecurityPolicy(nonce: string, { dev = false } = {}): string {
  return [
    "default-src 'self'",
    // React's development build uses eval for its error overlays; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    `style-src-elem 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * GraphiQL's page (GET /api/graphql from a browser): its own bundle, styles
 * (inline too) and fonts from this server, its inline bootstrap scripts by nonce
 * (withNonce), and the editor's web workers, which it starts from blob: URLs.
 * Keep every GraphiQL allowance here, so serving its assets differently means
 * changing this one function.
 */
export function graphiqlContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // The editor inserts style elements at run time, which no nonce can
    // cover; a style cannot run code, so only scripts are held to the nonce.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Adds the nonce to every script, style and stylesheet tag of an HTML page
 * this server rendered itself (GraphiQL's), so its own inline code runs and
 * nothing else does. Never for HTML that holds user input.
 */
export function withNonce(html: string, nonce: string): string {
  // Script and style bodies are raw text that ends only at their closing tag:
  // GraphiQL's inlined bundle holds "<script" and "<style" inside strings, and
  // tagging those would break its JavaScript. So tags are found outside them.
  const opening = /<(script|style|link)(?=[\s>])/gi;
  const lower = html.toLowerCase();
  let out = "";
  let from = 0;
  for (let match = opening.exec(html); match; match = opening.exec(html)) {
    const name = match[1].toLowerCase();
    out += `${html.slice(from, match.index)}<${match[1]} nonce="${nonce}"`;
    from = match.index + match[0].length;
    if (name === "link") continue;
    const close = lower.indexOf(`</${name}`, from);
    const end = close === -1 ? html.length : close;
    out += html.slice(from, end);
    from = end;
    opening.lastIndex = end;
  }
  return out + html.slice(from);
}

/**
 * What every hot-path answer (GraphQL, OAuth2, well-known) carries beyond the
 * base headers unless it sets its own, whichever side serves it: the fast
 * path (server/fast-path.ts) or a route file (asHotPathResponse).
 */
export const HOT_PATH_HEADERS: Readonly<Record<string, string>> = { "content-security-policy": API_CONTENT_SECURITY_POLICY };

/** GraphiQL's page as served: its own tags nonced, and the policy that allows exactly those. */
export function graphiqlPage(html: string): { html: string; contentSecurityPolicy: string } {
  const nonce = newNonce();
  return { html: withNonce(html, nonce), contentSecurityPolicy: graphiqlContentSecurityPolicy(nonce) };
}

/**
 * A hot-path answer from a route file (under `next dev`, or through the Next
 * child) as the fast path gives it: GraphiQL's page nonced under its own
 * policy, any other answer with HOT_PATH_HEADERS unless it set its own.
 */
export async function asHotPathResponse(response: Response): Promise<Response> {
  const headers = new Headers(response.headers);
  const init = { status: response.status, statusText: response.statusText, headers };
  if ((headers.get("content-type") ?? "").startsWith("text/html")) {
    const page = graphiqlPage(await response.text());
    headers.set("content-security-policy", page.contentSecurityPolicy);
    headers.delete("content-length");
    return new Response(page.html, init);
  }
  for (const [name, value] of Object.entries(HOT_PATH_HEADERS)) if (!headers.has(name)) headers.set(name, value);
  return new Response(response.body, init);
}

/** Sets headers on a node response unless the handler sets its own later (writeHead overrides them). */
export function setDefaultHeaders(res: ServerResponse, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}
