/**
 * The harness's check that no secret reaches the log (test/harness.ts), which
 * every test file runs in its after() hook: it must see the log at every level
 * and find any 12 characters of a secret, wherever in the secret they are.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { createIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { generateClientCredentials } from "@/domain/credentials/system-auth.service";
import { log } from "@/lib/logger";
import { SECRET_WINDOW, capturedLog, findLeak, setupTestApp } from "@/test/harness";

const app = await setupTestApp();
const base = await app.listen();

test("a leak is any 12 characters in a row of a secret: its prefix, a middle part or its suffix, but not 11", () => {
  assert.equal(SECRET_WINDOW, 12);
  const secret = "cmp_pat_Zq8XrT2mVb7LwN4kPc9HsJ5dGf3YaE6uRo1BnQx0Wi";
  const line = (part: string) => `{"level":"info","msg":"token created","hint":"${part}"}\n`;
  for (const [start, what] of [
    [0, "prefix"],
    [20, "middle"],
    [secret.length - 12, "suffix"],
  ] as const) {
    const leak = findLeak(line(secret.slice(start, start + 12)), [secret]);
    assert.deepEqual(leak?.window, secret.slice(start, start + 12), what);
  }
  assert.equal(findLeak(line(secret.slice(0, 24)), [secret])?.window, secret.slice(0, 12), "a 24-character prefix");
  assert.equal(findLeak(line(secret.slice(0, 11)), [secret]), null, "11 characters are not counted");
  assert.equal(findLeak(line(secret.slice(-11)), [secret]), null);
  assert.equal(findLeak(line("nothing of it"), [secret]), null);
});

test("the log is captured at every level, including levels the test output leaves out", () => {
  const marker = randomUUID();
  log.debug("harness capture check", { marker });
  log.info("harness capture check", { marker });
  const lines = capturedLog()
    .split("\n")
    .filter((text) => text.includes(marker));
  assert.deepEqual(
    lines.map((text) => JSON.parse(text).level),
    ["debug", "info"],
  );
});

test("a failed client authentication is logged, without any part of the secret that was tried", async () => {
  const system = await createIntegrationSystem(app.db, app.admin.principal, { name: "log check system" });
  const credential = await generateClientCredentials(app.db, app.admin.principal, system.id);
  const wrong = `${credential.clientSecret.slice(0, -4)}AAAA`;
  const response = await fetch(`${base}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: credential.id, client_secret: wrong }),
  });
  assert.equal(response.status, 401);
  const logged = capturedLog()
    .split("\n")
    .filter((text) => text.includes("client authentication failed") && text.includes(credential.id));
  assert.equal(logged.length, 1, "the failure is logged, with the client id");
  assert.equal(findLeak(logged[0], [credential.clientSecret, wrong]), null);
});

test("a secret pasted into client_id is never logged: the failure is, without that field's text", async () => {
  const system = await createIntegrationSystem(app.db, app.admin.principal, { name: "pasted secret system" });
  const credential = await generateClientCredentials(app.db, app.admin.principal, system.id);
  // The secret in both fields (Basic and body), as a confused operator sends it; and a look-alike of a client id around it.
  for (const [index, pasted] of [credential.clientSecret, `${credential.id}${credential.clientSecret}`, ` ${credential.clientSecret} `].entries()) {
    const before = capturedLog().length;
    const marker = `198.18.9.${index + 1}`;
    const response = await fetch(`${base}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-compass-client-address": marker },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: pasted, client_secret: credential.clientSecret }),
    });
    assert.equal(response.status, 401);
    const logged = capturedLog()
      .slice(before)
      .split("\n")
      .filter((text) => text.includes("client authentication failed") && text.includes(marker));
    assert.equal(logged.length, 1, "the failure is logged");
    assert.match(logged[0], /"clientId":"\(not a client id\)"/);
    assert.equal(findLeak(logged[0], [credential.clientSecret]), null, "no part of the pasted secret");
  }
});

test("a refused document that holds a secret as a literal is logged by its message, never by its text", async () => {
  const secret = `cmp_cs_${randomUUID().replaceAll("-", "")}`;
  const before = capturedLog().length;
  // Refused before any resolver runs (no tenant header): graphql-js quotes the document in the error's string form.
  const response = await app.graphql(`{ applications(search: "${secret}") { totalCount } }`, {}, app.admin);
  assert.ok(response.body.errors?.length);
  assert.equal(findLeak(capturedLog().slice(before), [secret]), null);
});
