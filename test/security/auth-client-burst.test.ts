/**
 * Issue 11, finding 2's class: the token endpoint's client throttle checked,
 * awaited the client lookup, and only then recorded the failure. At the
 * attack's size: 40 parallel requests from one address.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import net from "node:net";
import { test } from "node:test";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http";
import { ClientAuthenticator } from "@/oauth2/client-authentication";
import type { ClientRegistry } from "@/oauth2/client-registry";
import type { OAuthError } from "@/oauth2/protocol";
import { setupTestApp } from "@/test/harness";

const app = await setupTestApp();
const base = await app.listen();

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;

async function tokenRequest(clientId: string, secret: string, address: string): Promise<number> {
  return (await burst([{ clientId, secret, address }]))[0];
}

/**
 * Sends the requests truly at once: every connection is opened first, then
 * each request is written whole in one tick, as an attacker's tool would.
 * Returns the status of each.
 */
async function burst(requests: { clientId: string; secret: string; address: string }[]): Promise<number[]> {
  const { hostname, port } = new URL(base);
  const sockets = await Promise.all(
    requests.map(
      () =>
        new Promise<net.Socket>((resolve, reject) => {
          const socket = net.connect(Number(port), hostname, () => resolve(socket));
          socket.on("error", reject);
        }),
    ),
  );
  const answers = sockets.map(
    (socket) =>
      new Promise<number>((resolve) => {
        let head = "";
        socket.on("data", (chunk) => {
          head += chunk.toString("latin1");
          const match = /^HTTP\/1\.1 (\d{3})/.exec(head);
          if (match) {
            resolve(Number(match[1]));
            socket.destroy();
          }
        });
      }),
  );
  const body = "grant_type=client_credentials";
  requests.forEach(({ clientId, secret, address }, i) =>
    sockets[i].write(
      `POST /oauth2/token HTTP/1.1\r\nhost: ${hostname}:${port}\r\ncontent-type: application/x-www-form-urlencoded\r\n` +
        `authorization: ${basic(clientId, secret)}\r\n${CLIENT_ADDRESS_HEADER}: ${address}\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
    ),
  );
  return Promise.all(answers);
}

async function newCredentials() {
  const { createIntegrationSystem } = await app.ok<{ createIntegrationSystem: { id: string } }>(
    `mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { id } }`,
    { in: { name: `burst system ${randomUUID().slice(0, 8)}` } },
  );
  const data = await app.ok<any>(
    `mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(id: $id) { auth { credential { ... on OAuthCredentialData { clientId clientSecret } } } } }`,
    { id: createIntegrationSystem.id },
  );
  return data.generateClientCredentialsForIntegrationSystem.auth.credential as { clientId: string; clientSecret: string };
}

function tally(statuses: number[]) {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

/**
 * A registry whose lookup takes as long as a slow database round trip, and
 * that counts the secrets it is asked to check.
 */
function slowRegistry(secret: string) {
  const record = {
    clientId: randomUUID(),
    secretHash: Buffer.alloc(32),
    scopes: [],
    owner: { kind: "INTEGRATION_SYSTEM" as const, id: "s", name: "s", tenantId: null },
    expiresAt: null,
  };
  const registry = {
    checks: 0,
    record,
    async authenticate(clientId: string, presented: string) {
      registry.checks += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return clientId === record.clientId && presented === secret ? record : null;
    },
    isActive: (client: unknown) => client !== null,
  };
  return registry;
}

test("40 parallel guesses at a client's secret from one address: 5 are checked, the right secret sent last is held back", async () => {
  const registry = slowRegistry("the-right-secret");
  const authenticator = new ClientAuthenticator(registry as unknown as ClientRegistry);
  const secrets = [...Array.from({ length: 39 }, (_, i) => `guess-${i}`), "the-right-secret"];
  const outcomes = await Promise.all(
    secrets.map((secret) =>
      authenticator.authenticate({ clientId: registry.record.clientId, secret }, "192.0.2.10").then(
        () => 200,
        (error: OAuthError) => error.status,
      ),
    ),
  );
  assert.equal(registry.checks, 5, "at most 5 secrets checked");
  assert.deepEqual(tally(outcomes), { 401: 5, 429: 35 });
});

test("40 parallel guesses over 40 unknown client ids from one address: 20 are checked", async () => {
  const registry = slowRegistry("x");
  const authenticator = new ClientAuthenticator(registry as unknown as ClientRegistry);
  const outcomes = await Promise.all(
    Array.from({ length: 40 }, () =>
      authenticator.authenticate({ clientId: randomUUID(), secret: "guess" }, "192.0.2.12").then(
        () => 200,
        (error: OAuthError) => error.status,
      ),
    ),
  );
  assert.equal(registry.checks, 20);
  assert.deepEqual(tally(outcomes), { 401: 20, 429: 20 });
});

test("a client that has authenticated may fetch 40 tokens in parallel, and the real client elsewhere is not held back", async () => {
  const credentials = await newCredentials();
  assert.equal(await tokenRequest(credentials.clientId, credentials.clientSecret, "192.0.2.20"), 200);
  const statuses = await burst(Array.from({ length: 40 }, () => ({ ...credentials, secret: credentials.clientSecret, address: "192.0.2.20" })));
  assert.deepEqual(tally(statuses), { 200: 40 });
  // Guessing at the same client from elsewhere does not hold the real client back.
  await burst(Array.from({ length: 40 }, (_, i) => ({ clientId: credentials.clientId, secret: `wrong-${i}`, address: "192.0.2.21" })));
  assert.equal(await tokenRequest(credentials.clientId, credentials.clientSecret, "192.0.2.20"), 200);
});
