/** Longest `next` followed; a real console path with its query is far shorter. */
const MAX_NEXT_LENGTH = 2048;
/**
 * The origin `next` is resolved against. Any fixed origin serves: only a
 * result on this very origin passes, and what is returned is its path, which
 * the browser then resolves against the app's own origin.
 */
const OWN_ORIGIN = "https://compass-director.invalid";

/**
 * Where to go after signing in: `next` when it is a path on this site,
 * otherwise "/", so the login page cannot be used as an open redirect.
 *
 * Browsers read "\" as "/" and drop tabs and newlines inside URLs, so
 * "/\evil.example" and "/<tab>/evil.example" both become "//evil.example",
 * another site. Hence no backslash or control character at all, a single
 * leading "/", and, after resolving against our own origin, the same origin
 * and a path that still starts with a single "/".
 */
export function safeNext(next: string | string[] | undefined): string {
  if (typeof next !== "string" || next.length > MAX_NEXT_LENGTH) return "/";
  if (!next.startsWith("/") || next.startsWith("//")) return "/";
  // Spaces stay allowed (a search like "?q=crm tools"); browsers keep them.
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f-\u009f]/.test(next)) return "/";
  let url: URL;
  try {
    url = new URL(next, OWN_ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== OWN_ORIGIN) return "/";
  const path = url.pathname + url.search + url.hash;
  // Dot segments can collapse into "//" ("/.//evil"): check the normalised path too.
  return path.startsWith("/") && !path.startsWith("//") ? path : "/";
}
