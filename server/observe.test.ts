import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { test } from "node:test";
import { callerOf, methodOf, requestIdOf, routeOf } from "./observe";

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test("a request id from X-Request-Id only behind a trusted proxy, and only when it looks like one", () => {
  assert.equal(requestIdOf(request({ "x-request-id": "abc-123" }), true), "abc-123");
  assert.match(requestIdOf(request({ "x-request-id": "abc-123" }), false), UUID);
  assert.match(requestIdOf(request({}), true), UUID);
  for (const hostile of ["", "a b", "x".repeat(129), 'a"b', "a\nb", "{json}", "ünïcode"]) {
    assert.match(requestIdOf(request({ "x-request-id": hostile }), true), UUID, JSON.stringify(hostile));
  }
  assert.notEqual(requestIdOf(request({}), false), requestIdOf(request({}), false));
});

test("route and method labels come from fixed sets, whatever the client sends", () => {
  assert.equal(routeOf("/api/graphql?query={a}"), "/api/graphql");
  assert.equal(routeOf("/oauth2/token"), "/oauth2/token");
  assert.equal(routeOf("/api/health/ready"), "/api/health/ready");
  assert.equal(routeOf(`/oauth2/made-up-${"x".repeat(500)}`), "other");
  assert.equal(routeOf("/integration-systems/123"), "page");
  assert.equal(routeOf("/_next/static/chunk.js"), "/_next/*");
  assert.equal(methodOf("GET"), "GET");
  assert.equal(methodOf("BREW"), "OTHER");
  assert.equal(methodOf(undefined), "OTHER");
});

test("the caller's kind from the credential presented, never the credential", () => {
  assert.equal(callerOf(request({ authorization: "Bearer cmp_pat_abc" }), "/api/graphql"), "api_token");
  assert.equal(callerOf(request({ authorization: "bearer eyJhbGci" }), "/api/graphql"), "access_token");
  assert.equal(callerOf(request({ authorization: "Basic Y2xpZW50OnNlY3JldA==" }), "/oauth2/token"), "client");
  assert.equal(callerOf(request({}), "/oauth2/token"), "client");
  assert.equal(callerOf(request({ cookie: "a=b; compass_session=xyz" }), "page"), "session");
  assert.equal(callerOf(request({ cookie: "__Host-compass_session=xyz" }), "page"), "session");
  assert.equal(callerOf(request({}), "page"), "anonymous");
  assert.equal(callerOf(request({ authorization: "Digest x" }), "page"), "other");
});
