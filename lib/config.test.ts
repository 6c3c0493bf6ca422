import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, test } from "node:test";
import { getConfig, resetConfig } from "./config";

const NAMES = [
  "SHUTDOWN_GRACE_SECONDS",
  "SHUTDOWN_TIMEOUT_SECONDS",
  "ACCESS_LOG",
  "METRICS_PORT",
  "METRICS_HOST",
  "OTEL_EXPORTER_OTLP_ENDPOINT",
  "PORT",
  "DATABASE_POOL_SIZE",
  "SECRET_KEY",
  "TRUST_PROXY",
  "TLS_PORT",
  "TLS_CERT",
  "TLS_KEY",
  "CONNECTOR_CA_CERT_FILE",
  "CONNECTOR_CA_KEY_FILE",
  "CONNECTOR_SUBJECT_COUNTRY",
  "CONNECTOR_SUBJECT_ORGANIZATION",
  "CLIENT_CERTIFICATE_TTL_DAYS",
];
const saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));

afterEach(() => {
  for (const name of NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  resetConfig();
});

function configWith(env: Record<string, string | undefined>) {
  for (const name of NAMES) delete process.env[name];
  for (const [name, value] of Object.entries(env)) if (value !== undefined) process.env[name] = value;
  resetConfig();
  return getConfig();
}

test("the operations settings' defaults: 5 s grace, 20 s to drain, access log on, no metrics, no traces", () => {
  const config = configWith({});
  assert.deepEqual(
    {
      grace: config.shutdownGraceSeconds,
      timeout: config.shutdownTimeoutSeconds,
      accessLog: config.accessLog,
      metrics: config.metrics,
      tracing: config.tracing,
    },
    { grace: 5, timeout: 20, accessLog: true, metrics: null, tracing: null },
  );
});

test("set values are read", () => {
  const config = configWith({
    SHUTDOWN_GRACE_SECONDS: "0",
    SHUTDOWN_TIMEOUT_SECONDS: "60",
    ACCESS_LOG: "false",
    METRICS_PORT: "9464",
    METRICS_HOST: "0.0.0.0",
    OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
  });
  assert.equal(config.shutdownGraceSeconds, 0);
  assert.equal(config.shutdownTimeoutSeconds, 60);
  assert.equal(config.accessLog, false);
  assert.deepEqual(config.metrics, { port: 9464, host: "0.0.0.0" });
  assert.deepEqual(config.tracing, { endpoint: "http://collector:4318" });
  assert.deepEqual(configWith({ METRICS_PORT: "9464" }).metrics, { port: 9464, host: "127.0.0.1" }, "loopback unless told");
});

test("an invalid value stops start-up, naming the variable", () => {
  for (const [env, name] of [
    [{ SHUTDOWN_GRACE_SECONDS: "-1" }, "SHUTDOWN_GRACE_SECONDS"],
    [{ SHUTDOWN_GRACE_SECONDS: "5s" }, "SHUTDOWN_GRACE_SECONDS"],
    [{ SHUTDOWN_TIMEOUT_SECONDS: "0" }, "SHUTDOWN_TIMEOUT_SECONDS"],
    [{ ACCESS_LOG: "maybe" }, "ACCESS_LOG"],
    [{ METRICS_PORT: "70000" }, "METRICS_PORT"],
    [{ METRICS_PORT: "abc" }, "METRICS_PORT"],
    [{ METRICS_HOST: "0.0.0.0" }, "METRICS_HOST"],
    [{ PORT: "3000", METRICS_PORT: "3000" }, "METRICS_PORT"],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" }, "OTEL_EXPORTER_OTLP_ENDPOINT"],
    [{ DATABASE_POOL_SIZE: "0" }, "DATABASE_POOL_SIZE"],
    [{ DATABASE_POOL_SIZE: "ten" }, "DATABASE_POOL_SIZE"],
    [{ SECRET_KEY: "too short" }, "SECRET_KEY"],
    [{ SECRET_KEY: "ab".repeat(31) }, "SECRET_KEY"],
    [{ TRUST_PROXY: "yes" }, "TRUST_PROXY"],
  ] as const) {
    assert.throws(
      () => configWith(env),
      (error: Error) => error.message.startsWith(name),
      JSON.stringify(env),
    );
  }
});

test("the database pool, the secret key and the proxy trust are read and decoded with the rest", () => {
  const defaults = configWith({});
  assert.deepEqual([defaults.databasePoolSize, defaults.secretKey, defaults.trustProxy], [10, null, false]);
  const set = configWith({ DATABASE_POOL_SIZE: "25", SECRET_KEY: "ab".repeat(32), TRUST_PROXY: "1" });
  assert.equal(set.databasePoolSize, 25);
  assert.deepEqual(set.secretKey, Buffer.alloc(32, 0xab), "hex decoded");
  assert.equal(set.trustProxy, true);
  assert.deepEqual(configWith({ SECRET_KEY: Buffer.alloc(32, 7).toString("base64") }).secretKey, Buffer.alloc(32, 7), "base64 decoded");
});

test("TLS and Connector settings: all-or-none, readable PEM files, a country code; refusals name the setting", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "config-tls-"));
  const cert = path.join(dir, "tls.crt");
  const key = path.join(dir, "tls.key");
  fs.writeFileSync(cert, "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n");
  fs.writeFileSync(key, "-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----\n");
  try {
    assert.equal(configWith({}).tls, null);
    assert.deepEqual(configWith({}).connector.subject, {
      organization: "Org",
      organizationalUnit: "OrgUnit",
      locality: "Locality",
      province: "State",
      country: "PL",
    });
    assert.equal(configWith({}).connector.clientCertificateTtlDays, 90);
    const tls = configWith({ TLS_PORT: "8443", TLS_CERT: cert, TLS_KEY: key }).tls;
    assert.equal(tls?.port, 8443);
    assert.match(tls!.certificatePem, /BEGIN CERTIFICATE/);
    assert.throws(() => configWith({ TLS_PORT: "8443" }), /TLS_PORT, TLS_CERT and TLS_KEY go together/);
    assert.throws(() => configWith({ TLS_CERT: cert }), /TLS_CERT and TLS_KEY go together/);
    assert.throws(() => configWith({ TLS_PORT: "8443", TLS_CERT: cert, TLS_KEY: path.join(dir, "missing.key") }), /TLS_KEY: cannot read/);
    assert.throws(() => configWith({ TLS_PORT: "8443", TLS_CERT: key, TLS_KEY: key }), /TLS_CERT: .* holds no PEM "CERTIFICATE"/);
    assert.throws(() => configWith({ TLS_PORT: "99999", TLS_CERT: cert, TLS_KEY: key }), /TLS_PORT/);
    assert.throws(() => configWith({ CONNECTOR_CA_CERT_FILE: cert }), /CONNECTOR_CA_CERT_FILE and CONNECTOR_CA_KEY_FILE go together/);
    assert.throws(() => configWith({ CONNECTOR_SUBJECT_COUNTRY: "Germany" }), /CONNECTOR_SUBJECT_COUNTRY must be a two-letter country code/);
    assert.throws(() => configWith({ CONNECTOR_SUBJECT_ORGANIZATION: "Evil,CN=admin" }), /CONNECTOR_SUBJECT_ORGANIZATION must be/);
    assert.throws(() => configWith({ CLIENT_CERTIFICATE_TTL_DAYS: "0" }), /CLIENT_CERTIFICATE_TTL_DAYS/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
