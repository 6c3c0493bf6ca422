/**
 * Issue 11, "X-Forwarded-Proto": with TRUST_PROXY=false the Next routes still
 * believed it (Next builds request.url from it), so an http request claiming
 * https got a Secure cookie and another same-site origin. Forwarded headers
 * count only when TRUST_PROXY is set, on every reader: lib/http.ts, and what
 * the proxy to the Next child passes on. (The built server's answer to such a
 * login is in test/production.server.test.ts.)
 */
import assert from "node:assert/strict";
import type http from "node:http";
import { afterEach, describe, test } from "node:test";
import { resetConfig } from "@/lib/config";
import { type RequestHead, isCrossSiteRequest, isSecureRequest, publicOrigin } from "@/lib/http";
import { requestHeaders } from "@/server/next-proxy";

const head = (url: string, headers: Record<string, string>): RequestHead => ({ url, headers: new Headers(headers) });

const incoming = (headers: Record<string, string>) => ({ headers, socket: { remoteAddress: "192.0.2.7" } }) as unknown as http.IncomingMessage;

const FORGED = {
  host: "localhost:3000",
  "x-forwarded-proto": "https",
  "x-forwarded-host": "evil.example",
  "x-forwarded-for": "203.0.113.9",
  "x-forwarded-port": "443",
  forwarded: "for=203.0.113.9;proto=https;host=evil.example",
};

afterEach(() => {
  delete process.env.TRUST_PROXY;
  delete process.env.PUBLIC_URL;
  resetConfig();
});

describe("what the proxy passes on to the Next child", () => {
  test("without TRUST_PROXY the client's forwarded headers are replaced by this connection's facts", () => {
    const sent = requestHeaders(incoming(FORGED), "secret", false);
    assert.equal(sent["x-forwarded-proto"], "http");
    assert.equal(sent["x-forwarded-host"], "localhost:3000");
    assert.equal(sent["x-forwarded-for"], "192.0.2.7");
    assert.equal(sent["x-forwarded-port"], undefined, "Next fills in its own");
    assert.equal(sent.forwarded, undefined);
  });

  test("with TRUST_PROXY a proxy's headers go through", () => {
    const sent = requestHeaders(incoming(FORGED), "secret", true);
    assert.equal(sent["x-forwarded-proto"], "https");
    assert.equal(sent["x-forwarded-host"], "evil.example");
    assert.equal(sent["x-forwarded-for"], "203.0.113.9");
  });

  test("a request without them still tells Next the connection's protocol, host and client", () => {
    const sent = requestHeaders(incoming({ host: "127.0.0.1:3000" }), "secret", true);
    assert.equal(sent["x-forwarded-proto"], "http");
    assert.equal(sent["x-forwarded-host"], "127.0.0.1:3000");
    assert.equal(sent["x-forwarded-for"], "192.0.2.7");
  });
});

describe("lib/http.ts", () => {
  test("without TRUST_PROXY: the origin is the Host's over the connection's protocol, whatever X-Forwarded-* claim", () => {
    const request = head("http://localhost:3000/api/auth/login", FORGED);
    assert.equal(publicOrigin(request), "http://localhost:3000");
    assert.equal(isSecureRequest(request), false);
    assert.equal(isCrossSiteRequest(head("http://localhost:3000/x", { ...FORGED, origin: "https://evil.example" })), true);
    assert.equal(isCrossSiteRequest(head("http://localhost:3000/x", { ...FORGED, origin: "http://localhost:3000" })), false);
  });

  test("with TRUST_PROXY: the proxy's protocol and host, and only http or https", () => {
    process.env.TRUST_PROXY = "true";
    resetConfig();
    assert.equal(publicOrigin(head("http://app:3000/", { host: "app:3000", "x-forwarded-proto": "https" })), "https://app:3000");
    assert.equal(
      publicOrigin(head("http://app:3000/", { host: "app:3000", "x-forwarded-proto": "https, http", "x-forwarded-host": "director.example.com" })),
      "https://director.example.com",
    );
    assert.equal(publicOrigin(head("http://app:3000/", { host: "app:3000", "x-forwarded-proto": "javascript" })), "http://app:3000");
    assert.equal(isSecureRequest(head("http://app:3000/", { host: "app:3000", "x-forwarded-proto": "https" })), true);
  });

  test("PUBLIC_URL decides alone", () => {
    process.env.PUBLIC_URL = "https://director.example.com/";
    process.env.TRUST_PROXY = "true";
    resetConfig();
    const request = head("http://app:3000/", { host: "app:3000", "x-forwarded-proto": "http", "x-forwarded-host": "other.example" });
    assert.equal(publicOrigin(request), "https://director.example.com");
    assert.equal(isSecureRequest(request), true);
  });
});
