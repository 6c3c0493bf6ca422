/**
 * The sign-in, setup and password-reset routes read their JSON body through
 * one helper (jsonFormRoute in app/api/auth/json-route.ts): every field they
 * name must be a non-empty string, or the answer is 400 invalid_request in
 * the route's own words, before anything reaches the database.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { POST as loginRoute } from "@/app/api/auth/login/route";
import { POST as resetRoute } from "@/app/api/auth/reset-password/route";
import { POST as setupRoute } from "@/app/api/auth/setup/route";
import { startup } from "@/app/startup";
import { PASSWORD, TEST_ORIGIN, setupTestApp } from "./harness";

const app = await setupTestApp();
await startup();

let addresses = 0;
const post = (route: (request: Request) => Promise<Response>, path: string, body: unknown, headers: Record<string, string> = {}) =>
  route(
    new Request(`${TEST_ORIGIN}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-compass-client-address": `198.51.100.${++addresses}`, ...headers },
      body: JSON.stringify(body),
    }),
  );

const ROUTES = [
  { route: loginRoute, path: "/api/auth/login", fields: { email: "someone@example.test", password: PASSWORD }, missing: "Send both email and password" },
  {
    route: setupRoute,
    path: "/api/auth/setup",
    fields: { token: "cmp_setup_x", email: "someone@example.test", password: PASSWORD },
    missing: "Send token, email and password",
  },
  { route: resetRoute, path: "/api/auth/reset-password", fields: { token: "cmp_reset_x", password: PASSWORD }, missing: "Send token and password" },
];

for (const { route, path, fields, missing } of ROUTES) {
  test(`${path}: each field missing, empty or not a string is 400 invalid_request, "${missing}"`, async () => {
    const audit = await app.db.auditEvent.count();
    for (const field of Object.keys(fields)) {
      for (const value of [undefined, "", 42, null, ["x"]]) {
        const response = await post(route, path, { ...fields, [field]: value });
        assert.equal(response.status, 400, `${field}: ${JSON.stringify(value)}`);
        assert.deepEqual(await response.json(), { error: "invalid_request", message: missing });
        assert.equal(response.headers.get("set-cookie"), null);
      }
    }
    assert.equal(await app.db.auditEvent.count(), audit, "nothing reached the domain");
  });

  test(`${path}: a cross-site request is refused before its fields are read`, async () => {
    const response = await post(route, path, {}, { origin: "https://elsewhere.example", "sec-fetch-site": "cross-site" });
    assert.equal(response.status, 403);
    assert.equal(((await response.json()) as { error: string }).error, "cross_site");
  });
}
