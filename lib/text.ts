/**
 * Text that neither database stores: NUL (PostgreSQL refuses it in text
 * columns, even in a WHERE clause) and unpaired UTF-16 surrogates (not
 * Unicode at all; Prisma's protocol fails on them). Such input is refused as
 * bad input before it reaches a query, instead of failing there as an
 * internal error.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE = "Text must not contain NUL characters or unpaired UTF-16 surrogates";

export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/**
 * The path (`in.description`, `ids[2]`) of the first unstorable string inside
 * a JSON value, object keys included (a label value's keys are stored too),
 * or null. Iterative: a client's JSON may nest deeper than the call stack.
 */
export function findUnstorableText(value: unknown, path: string): string | null {
  const pending: [unknown, string][] = [[value, path]];
  while (pending.length > 0) {
    const [current, at] = pending.pop()!;
    if (typeof current === "string") {
      if (!isStorableText(current)) return at;
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) pending.push([current[i], `${at}[${i}]`]);
    } else if (current !== null && typeof current === "object") {
      for (const [key, item] of Object.entries(current).reverse()) {
        // The key's path is its parent's: the key itself is what cannot be stored or shown.
        if (!isStorableText(key)) return at || "(a key)";
        pending.push([item, at ? `${at}.${key}` : key]);
      }
    }
  }
  return null;
}

/** "1 application", "3 applications": counts in messages people read. */
export const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
