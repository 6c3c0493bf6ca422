/**
 * The seed's workflow against the production server (server/main.ts, SQLite and
 * PostgreSQL): an admin generates client credentials, the integration system
 * gets tokens with openid-client and calls GraphQL on its own; keys rotate
 * while it runs; and afterwards the server log holds none of the secrets or
 * tokens that went through it, including the ones in failed requests.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, describe, test } from "node:test";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import * as openid from "openid-client";
import { createPostgresDatabase } from "./postgres";
import { type RunningServer, randomSecretKey, startServer, tempSqliteUrl } from "./server-process";

const ADMIN = { email: "admin@example.com", password: "a long admin password" };
const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function postgresDatabase(): Promise<string> {
  const database = await createPostgresDatabase("compass_oauth_server_test");
  cleanups.push(database.drop);
  return database.url;
}

for (const provider of ["sqlite", "postgresql"] as const) {
  describe(`the client_credentials workflow on ${provider}`, async () => {
    let env: Record<string, string>;
    if (provider === "sqlite") {
      const database = tempSqliteUrl();
      cleanups.push(() => fs.rmSync(database.dir, { recursive: true, force: true }));
      env = { DATABASE_URL: database.url, SECRET_KEY: randomSecretKey() };
    } else {
      env = { DATABASE_URL: await postgresDatabase(), SECRET_KEY: randomSecretKey() };
    }
    // debug: the most the server ever logs.
    const server: RunningServer = await startServer({ ...env, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: "debug" });
    cleanups.push(() => server.stop());
    /** Every secret and token this test sees; none may reach the log. */
    const seen: string[] = [ADMIN.password, env.SECRET_KEY];

    async function graphql(query: string, token: string, variables?: object) {
      const response = await fetch(`${server.url}/api/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as any };
    }

    let apiToken = "";
    let systemId = "";
    let credential = { clientId: "", clientSecret: "", url: "" };

    test("an admin creates an integration system and generates its credentials", async () => {
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(ADMIN),
      });
      const cookie = login.headers.get("set-cookie")!.split(";")[0];
      seen.push(cookie.split("=")[1]);
      const created = await fetch(`${server.url}/api/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ query: `mutation { createApiToken(name: "automation") { token } }` }),
      });
      apiToken = ((await created.json()) as any).data.createApiToken.token;
      seen.push(apiToken);
      systemId = (await graphql(`mutation { createIntegrationSystem(in: {name: "Vendor connector"}) { id } }`, apiToken)).body.data.createIntegrationSystem.id;
      const generated = await graphql(
        `mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(id: $id) { id auth { credential { ... on OAuthCredentialData { clientId clientSecret url } } } } }`,
        apiToken,
        { id: systemId },
      );
      credential = generated.body.data.generateClientCredentialsForIntegrationSystem.auth.credential;
      seen.push(credential.clientSecret);
      assert.equal(credential.url, `${server.url}/oauth2/token`);
    });

    test("the integration system discovers the server, gets a token with openid-client and calls GraphQL", async () => {
      const config = await openid.discovery(new URL(server.url), credential.clientId, undefined, openid.ClientSecretBasic(credential.clientSecret), {
        algorithm: "oauth2",
        execute: [openid.allowInsecureRequests],
      });
      const tokens = await openid.clientCredentialsGrant(config);
      seen.push(tokens.access_token);
      const { payload } = await jwtVerify(tokens.access_token, createRemoteJWKSet(new URL(`${server.url}/.well-known/jwks.json`)), {
        issuer: server.url,
        audience: `${server.url}/api/graphql`,
        typ: "at+jwt",
      });
      assert.equal(payload.integration_system_id, systemId);
      const read = await graphql(`query($id: ID!) { integrationSystem(id: $id) { name } }`, tokens.access_token, { id: systemId });
      assert.deepEqual(read.body, { data: { integrationSystem: { name: "Vendor connector" } } });
      const write = await graphql(`mutation { createIntegrationSystem(in: {name: "nope"}) { id } }`, tokens.access_token);
      assert.equal(write.body.errors[0].extensions.code, "FORBIDDEN");
    });

    test("failed requests carrying secrets and tokens", async () => {
      const basic = (secret: string) => `Basic ${Buffer.from(`${credential.clientId}:${secret}`).toString("base64")}`;
      const wrongSecret = `${credential.clientSecret.slice(0, -3)}xyz`;
      seen.push(wrongSecret);
      const refused = await fetch(`${server.url}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic(wrongSecret) },
        body: "grant_type=client_credentials",
      });
      assert.equal(refused.status, 401);
      // The secret in the client id's place, by mistake.
      const swapped = await fetch(`${server.url}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: credential.clientSecret, client_secret: credential.clientId }),
      });
      assert.equal(swapped.status, 401);
      const inUrl = await fetch(`${server.url}/oauth2/token?client_secret=${encodeURIComponent(credential.clientSecret)}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `grant_type=client_credentials&client_id=${credential.clientId}`,
      });
      assert.equal(inUrl.status, 400);
      const token = await fetch(`${server.url}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic(credential.clientSecret) },
        body: "grant_type=client_credentials",
      });
      const accessToken = ((await token.json()) as any).access_token as string;
      seen.push(accessToken);
      const tampered = `${accessToken.slice(0, -6)}AAAAAA`;
      seen.push(tampered);
      assert.equal((await graphql("{ viewer { kind } }", tampered)).status, 401);
      // Revoked, then used again.
      await fetch(`${server.url}/oauth2/revoke`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic(credential.clientSecret) },
        body: new URLSearchParams({ token: accessToken }),
      });
      assert.equal((await graphql("{ viewer { kind } }", accessToken)).status, 401);
    });

    test("npm run keys:rotate while the server runs: the JWKS publishes the new key, old tokens keep working", async () => {
      const before = await fetch(`${server.url}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: credential.clientId, client_secret: credential.clientSecret }),
      });
      const oldToken = ((await before.json()) as any).access_token as string;
      seen.push(oldToken);
      const output = execFileSync(path.resolve("node_modules/.bin/tsx"), ["scripts/keys-rotate.ts"], {
        env: { ...process.env, ...env, LOG_LEVEL: "error" },
        encoding: "utf8",
      });
      const newKid = /new signing key: (\S+)/.exec(output)?.[1];
      assert.ok(newKid, output);
      // The JWKS document is re-read at most once a second, so it may lag the
      // rotation by that long (a new key only signs 60 s after publication).
      const expected = [decodeProtectedHeader(oldToken).kid!, newKid].sort();
      const rotatedAt = Date.now();
      let published: string[] = [];
      while (Date.now() - rotatedAt < 2000) {
        const jwks = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
        published = jwks.keys.map((key) => key.kid).sort();
        if (published.includes(newKid)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.deepEqual(published, expected);
      assert.equal((await graphql("{ viewer { kind } }", oldToken)).status, 200);
    });

    test("the server log holds none of the secrets and tokens", () => {
      const log = server.log();
      assert.ok(log.includes("client authentication failed"), "failures are logged (without the secret)");
      for (const secret of seen) {
        assert.ok(secret.length >= 16);
        assert.ok(!log.includes(secret), `a secret or token reached the log: ${secret.slice(0, 10)}…`);
        // Not even their signatures or random halves.
        assert.ok(!log.includes(secret.slice(-20)), `part of a secret reached the log: ${secret.slice(0, 10)}…`);
      }
    });
  });
}

describe("signing keys and SECRET_KEY", () => {
  test("a restart with another SECRET_KEY refuses to start, saying why, rather than failing every token request", async () => {
    const database = tempSqliteUrl();
    cleanups.push(() => fs.rmSync(database.dir, { recursive: true, force: true }));
    const first = await startServer({ DATABASE_URL: database.url, SECRET_KEY: randomSecretKey() });
    await first.stop();
    const second = await startServer({ DATABASE_URL: database.url, SECRET_KEY: randomSecretKey() }, { waitForReady: false });
    const code = await new Promise<number | null>((resolve) => second.process.once("exit", resolve));
    assert.equal(code, 1);
    assert.match(second.log(), /cannot be decrypted: SECRET_KEY differs from the one it was created with/);
  });
});
