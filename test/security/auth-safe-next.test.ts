/**
 * Issue 11, finding 4: the login page's `next` accepted "/\evil.example" and
 * "/%09/evil.example", which browsers resolve to "//evil.example": an open
 * redirect after sign-in.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { safeNext } from "@/components/auth/safe-next";

/** How a browser resolves the value it is sent to, from a page on our origin. */
const OURS = "https://console.example.com/login";
const resolves = (value: string) => new URL(value, OURS);

// Values as the page receives them: Next has already percent-decoded the query once.
const refused: [string, string][] = [
  ["protocol-relative", "//evil.example"],
  ["protocol-relative with path", "//evil.example/path"],
  ["backslash", "/\\evil.example"],
  ["two backslashes", "/\\\\evil.example"],
  ["backslash first", "\\\\evil.example"],
  ["slash backslash slash", "/\\/evil.example"],
  ["tab after the slash (decoded %09)", "/\t/evil.example"],
  ["newline after the slash", "/\n/evil.example"],
  ["carriage return after the slash", "/\r/evil.example"],
  ["tab inside", "/\t\t/evil.example"],
  ["newline inside a later segment", "/ok/\n/x"],
  ["NUL", "/\u0000/evil.example"],
  ["C1 control", "/\u0085/evil.example"],
  ["absolute https", "https://evil.example"],
  ["absolute http", "http://evil.example/"],
  ["scheme-relative with credentials", "//user@evil.example"],
  ["javascript:", "javascript:alert(1)"],
  ["JavaScript: mixed case", "JaVaScRiPt:alert(1)"],
  ["data:", "data:text/html,<script>alert(1)</script>"],
  ["leading space", " /ok"],
  ["no leading slash", "evil.example"],
  ["dot segments collapsing into //", "/.//evil.example"],
  ["dot-dot segments collapsing into //", "/a/..//evil.example"],
  ["empty", ""],
  ["very long", `/${"a".repeat(10_000)}`],
];

// Still encoded after Next's one decoding (the attacker double-encoded): the
// browser keeps them encoded, so they stay paths on our own origin.
const keptOnOurOrigin = ["/%09/evil.example", "/%5Cevil.example", "/%2F%2Fevil.example", "/%2fevil.example", "/%0a/evil.example"];

const allowed: [string, string][] = [
  ["/", "/"],
  ["/integration-systems", "/integration-systems"],
  ["/integration-systems?q=crm", "/integration-systems?q=crm"],
  ["/integration-systems?q=crm tools", "/integration-systems?q=crm%20tools"],
  ["/tenants/abc#apps", "/tenants/abc#apps"],
  ["/api/graphql", "/api/graphql"],
];

for (const [name, value] of refused) {
  test(`refused: ${name}`, () => {
    assert.equal(safeNext(value), "/");
  });
}

for (const value of keptOnOurOrigin) {
  test(`stays on our origin: ${value}`, () => {
    const result = safeNext(value);
    assert.equal(resolves(result).origin, new URL(OURS).origin, `${JSON.stringify(value)} became ${JSON.stringify(result)}`);
    assert.ok(result.startsWith("/") && !result.startsWith("//"));
  });
}

for (const [value, expected] of allowed) {
  test(`allowed: ${value}`, () => {
    assert.equal(safeNext(value), expected);
  });
}

test("whatever comes in, the result resolves to our own origin", () => {
  const pieces = ["/", "\\", "\t", "\n", "%09", "%5C", ".", "..", "evil.example", "@", ":", "?", "#", " ", "//", "javascript:", "%2F"];
  let seed = 11;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < 5000; i++) {
    const value = Array.from({ length: 1 + Math.floor(random() * 6) }, () => pieces[Math.floor(random() * pieces.length)]).join("");
    const result = safeNext(value);
    assert.equal(resolves(result).origin, new URL(OURS).origin, `${JSON.stringify(value)} became ${JSON.stringify(result)}`);
  }
});

test("not a string (a repeated parameter, none at all) goes home", () => {
  assert.equal(safeNext(["/a", "/b"]), "/");
  assert.equal(safeNext(undefined), "/");
});
