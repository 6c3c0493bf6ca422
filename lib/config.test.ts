import assert from "node:assert/strict";
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
