/**
 * Issue 11, finding 1: fragments that each spread the previous one twice.
 * Measuring them by re-expanding every spread took 8 s at 22 levels and froze
 * the whole process (GraphQL, OAuth2, health) at 30. Sent over real HTTP, as a
 * signed-in viewer (session cookie) and as an integration system (OAuth2
 * access token), at the sizes the attack used: refused at once, and the
 * server keeps answering others meanwhile.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { buildSchema, parse } from "graphql";
import fs from "node:fs";
import { DEFAULT_QUERY_LIMITS, queryLimitError } from "@/graphql/plugins/query-limits";
import { SESSION_COOKIE, createSession } from "@/domain/users/session.service";
import { getConfig } from "@/lib/config";
import { doubledFragments } from "@/test/attack-documents";
import { setupTestApp } from "@/test/harness";

const app = await setupTestApp();
const base = await app.listen();

async function post(headers: Record<string, string>, body: string) {
  const started = performance.now();
  const response = await fetch(`${base}/api/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const json = (await response.json()) as { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] };
  return { status: response.status, json, ms: performance.now() - started };
}

let systems = 0;
async function systemToken(): Promise<string> {
  const { createIntegrationSystem: system } = await app.ok<any>(`mutation { createIntegrationSystem(in: {name: "bomb sender ${++systems}"}) { id } }`);
  const generated = await app.ok<any>(
    `mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(id: $id) { auth { credential { ... on OAuthCredentialData { clientId clientSecret } } } } }`,
    { id: system.id },
  );
  const { clientId, clientSecret } = generated.generateClientCredentialsForIntegrationSystem.auth.credential;
  const response = await fetch(`${base}/oauth2/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64")}`,
    },
    body: "grant_type=client_credentials",
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { access_token: string }).access_token;
}

const callers: [string, () => Promise<Record<string, string>>][] = [
  ["a signed-in viewer", async () => ({ cookie: `${SESSION_COOKIE}=${(await createSession(app.db, app.viewer.user.id, 1)).cookieValue}` })],
  ["an integration system", async () => ({ authorization: `Bearer ${await systemToken()}` })],
];

// 22 levels (the 904-byte attack) first: on the old code it fails by time rather than freezing the run.
for (const levels of [22, 30]) {
  for (const [who, headersOf] of callers) {
    test(`${levels} levels of doubled fragments from ${who} are refused at once, and others are still served`, async () => {
      const headers = await headersOf();
      const document = doubledFragments(levels);
      assert.ok(document.length < 1300, `the attack is small: ${document.length} bytes`);

      // A second caller asks for the token endpoint's metadata and the viewer while the attack is in flight.
      const attack = post(headers, JSON.stringify({ query: document }));
      const other = (async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        const started = performance.now();
        const metadata = await fetch(`${base}/.well-known/oauth-authorization-server`);
        await metadata.arrayBuffer();
        const viewer = await post({ authorization: `Bearer ${app.admin.token}` }, JSON.stringify({ query: "{ viewer { kind } }" }));
        return { metadata: metadata.status, viewer, ms: performance.now() - started };
      })();

      const refused = await attack;
      // The whole request, on a machine shared with other test runs; the old code took 8 s at 22 levels.
      assert.ok(refused.ms < 1000, `refused in ${refused.ms.toFixed(1)} ms`);
      assert.equal(refused.json.data, undefined);
      assert.equal(refused.json.errors?.length, 1, JSON.stringify(refused.json));
      assert.equal(refused.json.errors![0].extensions.code, "GRAPHQL_VALIDATION_FAILED");
      assert.match(refused.json.errors![0].message, /cost/);

      const served = await other;
      assert.equal(served.metadata, 200);
      assert.equal(served.viewer.status, 200);
      assert.deepEqual(served.viewer.json, { data: { viewer: { kind: "USER" } } });
      assert.ok(served.ms < 1000, `the other caller waited ${served.ms.toFixed(1)} ms`);
    });
  }
}

test("a few levels of doubled fragments, within the limits, are still served", async () => {
  // F3 spreads F0 eight times; execution merges them into one viewer field.
  const response = await post({ authorization: `Bearer ${app.viewer.token}` }, JSON.stringify({ query: doubledFragments(3) }));
  assert.equal(response.status, 200);
  assert.deepEqual(response.json, { data: { viewer: { kind: "USER" } } });
});

test("measuring 30 levels of doubled fragments takes about a millisecond", () => {
  const schema = buildSchema(fs.readFileSync(new URL("../../graphql/schema.generated.graphqls", import.meta.url), "utf8"));
  const limits = { ...DEFAULT_QUERY_LIMITS, maxDepth: getConfig().graphqlMaxDepth, maxCost: getConfig().graphqlMaxCost };
  const document = parse(doubledFragments(30));
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    assert.match(queryLimitError(schema, document, limits)?.message ?? "", /cost/);
    times.push(performance.now() - started);
  }
  // The fastest of five, so a garbage collection or a busy machine does not decide it.
  assert.ok(Math.min(...times) < 20, `measured in ${times.map((ms) => ms.toFixed(2)).join(", ")} ms`);
});
