/**
 * Issue 11, "Security headers": the fast path's answers (GraphQL, OAuth2,
 * well-known) carried no nosniff, no framing refusal and no CSP; GraphiQL's
 * page had no CSP; HSTS was never sent.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { resetConfig } from "@/lib/config";
import { JWKS_PATH, METADATA_PATH, TOKEN_PATH } from "@/lib/paths";
import { graphiqlContentSecurityPolicy, pageContentSecurityPolicy } from "@/lib/security-headers";
import { setupTestApp } from "@/test/harness";
import { type RawResponse, listenLikeServer, rawRequest } from "./http-client";

delete process.env.PUBLIC_URL;
delete process.env.ALLOWED_HOSTS;
const app = await setupTestApp();

const directives = (policy: string) =>
  new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values] as [string, string[]]),
  );

function assertApiHeaders(response: RawResponse, what: string) {
  assert.equal(response.headers["x-content-type-options"], "nosniff", what);
  assert.equal(response.headers["x-frame-options"], "DENY", what);
  const policy = directives(String(response.headers["content-security-policy"] ?? ""));
  assert.deepEqual(policy.get("frame-ancestors"), ["'none'"], what);
  assert.deepEqual(policy.get("default-src"), ["'none'"], what);
}

describe("fast-path answers", async () => {
  const base = await listenLikeServer();
  const host = { host: "localhost" };

  test("GraphQL, OAuth2 and well-known answers, errors included, carry nosniff and refuse framing", async () => {
    const answers: [string, RawResponse][] = [
      [
        "graphql",
        await rawRequest(base, {
          path: "/api/graphql",
          method: "POST",
          headers: { ...host, "content-type": "application/json", authorization: `Bearer ${app.admin.token}` },
          body: '{"query":"{ viewer { role } }"}',
        }),
      ],
      [
        "graphql 401",
        await rawRequest(base, {
          path: "/api/graphql",
          method: "POST",
          headers: { ...host, "content-type": "application/json" },
          body: '{"query":"{ viewer { role } }"}',
        }),
      ],
      [
        "token 401",
        await rawRequest(base, {
          path: TOKEN_PATH,
          method: "POST",
          headers: { ...host, "content-type": "application/x-www-form-urlencoded" },
          body: "grant_type=client_credentials",
        }),
      ],
      ["metadata", await rawRequest(base, { path: METADATA_PATH, headers: host })],
      ["jwks", await rawRequest(base, { path: JWKS_PATH, headers: host })],
      ["421", await rawRequest(base, { path: METADATA_PATH, headers: { host: "evil.example" } })],
    ];
    for (const [what, response] of answers) assertApiHeaders(response, what);
    assert.equal(answers[0][1].status, 200);
  });

  test("GraphiQL's page has its own policy: its inline scripts run by nonce, nothing else inline", async () => {
    const response = await rawRequest(base, { path: "/api/graphql", headers: { ...host, accept: "text/html", authorization: `Bearer ${app.admin.token}` } });
    assert.equal(response.status, 200);
    assert.match(String(response.headers["content-type"]), /^text\/html/);
    const policy = directives(String(response.headers["content-security-policy"]));
    const nonce = policy
      .get("script-src")
      ?.find((value) => value.startsWith("'nonce-"))
      ?.slice("'nonce-".length, -1);
    assert.ok(nonce && nonce.length >= 16, "a nonce in script-src");
    assert.ok(!policy.get("script-src")!.includes("'unsafe-inline'"));
    assert.deepEqual(policy.get("frame-ancestors"), ["'none'"]);
    // A script element's body ends at the first "</script": the bundle's own
    // strings that mention "<script" are not tags.
    const scripts = response.body.replace(/(<script\b[^>]*>)[\s\S]*?<\/script/gi, "$1</script").match(/<script\b[^>]*>/gi) ?? [];
    assert.ok(scripts.length > 0);
    for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
    assert.equal(response.headers["x-content-type-options"], "nosniff");

    const again = await rawRequest(base, { path: "/api/graphql", headers: { ...host, accept: "text/html", authorization: `Bearer ${app.admin.token}` } });
    assert.notEqual(again.headers["content-security-policy"], response.headers["content-security-policy"], "a fresh nonce per page");
  });

  test("no HSTS over a plain-http address", async () => {
    const response = await rawRequest(base, { path: METADATA_PATH, headers: host });
    assert.equal(response.headers["strict-transport-security"], undefined);
  });
});

describe("HSTS", () => {
  test("sent on every answer when PUBLIC_URL is https", async () => {
    process.env.PUBLIC_URL = "https://director.example.com";
    resetConfig();
    try {
      const base = await listenLikeServer();
      for (const path of [METADATA_PATH, "/api/graphql", "/login"]) {
        const response = await rawRequest(base, { path, headers: { host: "director.example.com" } });
        assert.match(String(response.headers["strict-transport-security"]), /^max-age=\d{7,}/, path);
      }
    } finally {
      delete process.env.PUBLIC_URL;
      resetConfig();
    }
  });
});

describe("the policies themselves", () => {
  test("pages: scripts and style elements by nonce only, no eval in production, never framed", () => {
    const policy = directives(pageContentSecurityPolicy("abc123abc123abc123"));
    assert.deepEqual(policy.get("script-src"), ["'self'", "'nonce-abc123abc123abc123'", "'strict-dynamic'"]);
    assert.deepEqual(policy.get("style-src-elem"), ["'self'", "'nonce-abc123abc123abc123'"]);
    assert.deepEqual(policy.get("object-src"), ["'none'"]);
    assert.deepEqual(policy.get("frame-ancestors"), ["'none'"]);
    assert.deepEqual(policy.get("base-uri"), ["'none'"]);
    assert.ok(
      directives(pageContentSecurityPolicy("n", { dev: true }))
        .get("script-src")!
        .includes("'unsafe-eval'"),
    );
  });

  test("GraphiQL: this server's own assets only, no third-party origin", () => {
    const policy = graphiqlContentSecurityPolicy("n0nce");
    assert.doesNotMatch(policy, /https?:/);
    assert.doesNotMatch(policy, /script-src[^;]*'unsafe-inline'/);
  });
});
