/**
 * Issue 11, "Host header": without PUBLIC_URL any Host minted metadata, token
 * URLs and tokens for that host, even `127.0.0.1:3701@evil.example`, and the
 * metadata was cached publicly without `Vary: Host`.
 */
import assert from "node:assert/strict";
import os from "node:os";
import { describe, test } from "node:test";
import { resetConfig } from "@/lib/config";
import { METADATA_PATH, TOKEN_PATH } from "@/lib/paths";
import { setupTestApp } from "@/test/harness";
import { listenLikeServer, rawRequest } from "./http-client";

delete process.env.PUBLIC_URL;
delete process.env.ALLOWED_HOSTS;
delete process.env.TRUST_PROXY;
const app = await setupTestApp();

/** Runs `fn` with these settings in force (the entry reads them when it is built). */
async function withEnv(env: Record<string, string | undefined>, fn: () => Promise<void>) {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetConfig();
  };
  apply(env);
  try {
    await fn();
  } finally {
    apply(saved);
  }
}

const ATTACK_HOSTS = [
  "127.0.0.1:3701@evil.example",
  "evil.example",
  "evil.example:3000",
  "localhost.evil.example",
  "localhost@evil.example",
  "127.0.0.1.nip.io",
  "localhost:80/evil",
  "localhost, evil.example",
  "[::1]@evil.example",
  "local_host:99999",
];

describe("without PUBLIC_URL: this machine's names only (ALLOWED_HOSTS default)", async () => {
  const base = await listenLikeServer();

  test("a foreign or malformed Host gets 421 on metadata, token, GraphQL and the pages alike", async () => {
    for (const host of ATTACK_HOSTS) {
      const requests: { path: string; method?: string; headers?: Record<string, string>; body?: string }[] = [
        { path: METADATA_PATH },
        { path: TOKEN_PATH, method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=client_credentials" },
        {
          path: "/api/graphql",
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${app.admin.token}` },
          body: '{"query":"{ viewer { role } }"}',
        },
        { path: "/login" },
      ];
      for (const request of requests) {
        const response = await rawRequest(base, { ...request, headers: { ...request.headers, host: host } });
        assert.equal(response.status, 421, `${request.path} with Host "${host}"`);
        assert.doesNotMatch(response.body, /evil/, "the refusal does not echo the host");
      }
    }
  });

  test("the liveness and readiness probes answer whatever the Host (Kubernetes' name the pod's address), and only they", async () => {
    for (const host of ["10.42.0.17:3000", ...ATTACK_HOSTS]) {
      const live = await rawRequest(base, { path: "/api/health/live", headers: { host } });
      assert.equal(live.status, 200, `live with Host "${host}"`);
      assert.deepEqual(JSON.parse(live.body), { status: "ok" });
      const ready = await rawRequest(base, { path: "/api/health/ready?probe=1", headers: { host } });
      assert.equal(ready.status, 200, `ready with Host "${host}": ${ready.body}`);
      assert.equal(JSON.parse(ready.body).migrations, "done");
      assert.equal((await rawRequest(base, { path: "/api/health", headers: { host } })).status, 421, "/api/health keeps its contract (issue 11)");
      assert.equal((await rawRequest(base, { path: "/api/health", headers: { host: "localhost" } })).status, 200);
      assert.equal(ready.headers["x-request-id"]?.length, 36);
      // A path that only starts like one is not a health check.
      assert.equal((await rawRequest(base, { path: "/api/healthz", headers: { host } })).status, 421);
      assert.equal((await rawRequest(base, { path: "/api/health/live", method: "POST", headers: { host } })).status, 421);
    }
  });

  test("this machine's names, on any port, are served and become the issuer", async () => {
    for (const host of ["localhost", "localhost:3000", "127.0.0.1:3701", "[::1]:8080", "LOCALHOST:1", os.hostname()]) {
      const response = await rawRequest(base, { path: METADATA_PATH, headers: { host } });
      assert.equal(response.status, 200, host);
      const metadata = JSON.parse(response.body);
      assert.equal(metadata.issuer, `http://${host}`);
      assert.equal(metadata.token_endpoint, `http://${host}${TOKEN_PATH}`);
    }
  });

  test("the metadata, which names the host, is cached per host (Vary: Host)", async () => {
    const response = await rawRequest(base, { path: METADATA_PATH, headers: { host: "localhost" } });
    assert.match(response.headers["cache-control"] ?? "", /public/);
    assert.match(String(response.headers.vary ?? ""), /\bHost\b/i);
  });
});

describe("ALLOWED_HOSTS", () => {
  test("lists the names served: exact names, optionally with a port", async () => {
    await withEnv({ ALLOWED_HOSTS: "director.internal, api.example.com:8443" }, async () => {
      const base = await listenLikeServer();
      const status = async (host: string) => (await rawRequest(base, { path: METADATA_PATH, headers: { host } })).status;
      assert.equal(await status("director.internal"), 200);
      assert.equal(await status("director.internal:3000"), 200);
      assert.equal(await status("api.example.com:8443"), 200);
      assert.equal(await status("api.example.com:443"), 421, "a listed port is the only one");
      assert.equal(await status("localhost"), 421, "the defaults give way to the list");
      assert.equal(await status("evil.example"), 421);
    });
  });

  test("a malformed entry stops the start, naming it", async () => {
    await withEnv({ ALLOWED_HOSTS: "good.example, http://bad.example/" }, async () => {
      const { getConfig } = await import("@/lib/config");
      assert.throws(() => getConfig(), /ALLOWED_HOSTS holds "http:\/\/bad.example\/"/);
    });
  });

  test("behind a trusted proxy, the forwarded host is the one checked", async () => {
    await withEnv({ TRUST_PROXY: "true" }, async () => {
      const base = await listenLikeServer();
      const refused = await rawRequest(base, {
        path: METADATA_PATH,
        headers: { host: "localhost", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
      });
      assert.equal(refused.status, 421);
      const served = await rawRequest(base, {
        path: METADATA_PATH,
        headers: { host: "app:3000", "x-forwarded-host": "localhost:8443", "x-forwarded-proto": "https" },
      });
      assert.equal(served.status, 200);
      assert.equal(JSON.parse(served.body).issuer, "https://localhost:8443");
      assert.match(String(served.headers.vary), /X-Forwarded-Host/i);
    });
  });
});

describe("with PUBLIC_URL", () => {
  test("it alone defines the issuer and every URL; its host is served, others get 421", async () => {
    await withEnv({ PUBLIC_URL: "https://director.example.com" }, async () => {
      const base = await listenLikeServer();
      for (const host of ["director.example.com", "director.example.com:443", "localhost:3000"]) {
        const response = await rawRequest(base, { path: METADATA_PATH, headers: { host } });
        assert.equal(response.status, 200, host);
        const metadata = JSON.parse(response.body);
        assert.equal(metadata.issuer, "https://director.example.com");
        assert.equal(metadata.token_endpoint, "https://director.example.com/oauth2/token");
        assert.equal(response.headers.vary, undefined, "one answer for every host: nothing to vary on");
      }
      assert.equal((await rawRequest(base, { path: METADATA_PATH, headers: { host: "evil.example" } })).status, 421);
    });
  });
});
