import assert from "node:assert/strict";
import net from "node:net";
import { after, describe, test } from "node:test";
import { GraphQLError } from "graphql";
import type { createGraphQLServer } from "@/graphql/yoga";
import { TEST_ORIGIN, graphqlServerOn, setupTestApp } from "@/test/harness";
import { createInstance } from "@/app/instance";
import { rawReader } from "@/domain/instance";
import type { Db } from "./db";
import { isDatabaseUnavailable, isUniqueViolation } from "./db-errors";

const app = await setupTestApp();

/** The shapes an outage arrives in, as seen against a PostgreSQL server stopped under load (see db-errors.ts). */
const adapterCause = (cause: Record<string, unknown>) => ({ name: "DriverAdapterError", message: "x", cause });
const knownRequest = (code: string, cause?: Record<string, unknown>) =>
  Object.assign(new Error(`Invalid invocation: ${code}`), { code, meta: cause ? { driverAdapterError: { cause } } : {} });

describe("isDatabaseUnavailable", () => {
  test("outages", () => {
    const outages: [string, unknown][] = [
      ["P1001 can't reach the server", knownRequest("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 })],
      ["P1017 server closed the connection", knownRequest("P1017")],
      ["P2024 pool timeout", knownRequest("P2024")],
      ["P2010 raw query on a terminated connection", knownRequest("P2010", { kind: "postgres", code: "57P01", originalCode: "57P01" })],
      ["bare DriverAdapterError, admin shutdown", adapterCause({ kind: "postgres", code: "57P01", severity: "FATAL" })],
      ["bare DriverAdapterError, starting up", adapterCause({ kind: "postgres", code: "57P03" })],
      ["bare DriverAdapterError, connection exception class 08", adapterCause({ kind: "postgres", code: "08006" })],
      ["too many connections", adapterCause({ kind: "TooManyConnections", cause: "sorry" })],
      ["connection closed", adapterCause({ kind: "ConnectionClosed" })],
      ["pg pool connect timeout", new Error("timeout exceeded when trying to connect")],
      ["pg connection lost", new Error("Connection terminated unexpectedly")],
      ["pg query timeout", new Error("Query read timeout")],
      ["SQLite lock held past busy_timeout", new Error("SqliteError: database is locked")],
      ["wrapped by GraphQL", new GraphQLError("x", { originalError: knownRequest("P1001") })],
      ["wrapped as a cause", new Error("while doing something", { cause: new Error("Connection terminated unexpectedly") })],
    ];
    for (const [name, error] of outages) assert.equal(isDatabaseUnavailable(error), true, name);
  });

  test("not outages: bugs, bad requests and misconfiguration stay errors", () => {
    const others: [string, unknown][] = [
      ["unique violation", knownRequest("P2002")],
      ["record not found", knownRequest("P2025")],
      ["wrong password (not healing by itself)", adapterCause({ kind: "AuthenticationFailed", user: "x" })],
      ["SQLSTATE 28P01", adapterCause({ kind: "postgres", code: "28P01" })],
      ["unknown database", adapterCause({ kind: "DatabaseDoesNotExist" })],
      ["syntax error", adapterCause({ kind: "postgres", code: "42601" })],
      ["a bug", new TypeError("Cannot read properties of undefined (reading 'id')")],
      ["a GraphQL error of ours", new GraphQLError("nope", { extensions: { code: "NOT_FOUND" } })],
      ["null", null],
      ["a string", "P1001"],
    ];
    for (const [name, error] of others) assert.equal(isDatabaseUnavailable(error), false, name);
    assert.equal(isUniqueViolation(knownRequest("P2002")), true);
  });
});

/** A TCP server that accepts connections and never says a word: a frozen database server. */
async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function refusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function deadPostgres(kind: "refused" | "silent"): Promise<Db> {
  let port: number;
  if (kind === "silent") {
    const silent = await silentServer();
    cleanups.push(silent.close);
    port = silent.port;
  } else {
    port = await refusedPort();
  }
  // An instance's client: its hot reads go through the prepared reader (rawReader), not Prisma.
  const instance = createInstance(`postgresql://postgres@127.0.0.1:${port}/compass`);
  cleanups.push(() => instance.close().catch(() => undefined));
  return instance.db;
}

describe("the PostgreSQL pool fails fast during an outage", () => {
  test("a refused connection fails at once, classified as unavailable", async () => {
    const db = await deadPostgres("refused");
    // The first query also loads Prisma's query compiler, slow on a busy machine: time the second.
    await db.integrationSystem.count().catch(() => undefined);
    const started = performance.now();
    const error = await db.integrationSystem.count().then(
      () => null,
      (caught: unknown) => caught,
    );
    assert.ok(error, "the query should fail");
    assert.equal(isDatabaseUnavailable(error), true, String(error));
    assert.ok(performance.now() - started < 1_000, `took ${Math.round(performance.now() - started)} ms`);
  });

  test("a server that never answers fails within the 2 s connect timeout, classified as unavailable", async () => {
    const db = await deadPostgres("silent");
    const started = performance.now();
    const error = await db.integrationSystem.count().then(
      () => null,
      (caught: unknown) => caught,
    );
    const elapsed = performance.now() - started;
    assert.ok(error, "the query should fail");
    assert.equal(isDatabaseUnavailable(error), true, String(error));
    assert.ok(elapsed >= 1_500 && elapsed < 3_500, `took ${Math.round(elapsed)} ms`);
  });
});

describe("the prepared-statement reads beside Prisma (rawReader) fail like Prisma during an outage", () => {
  for (const kind of ["refused", "silent"] as const) {
    test(`${kind}: classified as unavailable, within the connect timeout`, async () => {
      const db = await deadPostgres(kind);
      assert.ok(rawReader(db), "the reads below would go through Prisma");
      const { findIntegrationSystem, listIntegrationSystems } = await import("@/domain/integration-systems/integration-system.service");
      for (const read of [() => findIntegrationSystem(db, "00000000-0000-7000-8000-000000000000"), () => listIntegrationSystems(db, { first: 10 })]) {
        const started = performance.now();
        const error = await read().then(
          () => null,
          (caught: unknown) => caught,
        );
        assert.ok(error, "the read should fail");
        assert.equal(isDatabaseUnavailable(error), true, String(error));
        assert.ok(performance.now() - started < 3_500, `took ${Math.round(performance.now() - started)} ms`);
      }
    });
  }
});

describe("GraphQL answers 503 SERVICE_UNAVAILABLE during an outage", () => {
  async function post(server: ReturnType<typeof createGraphQLServer>, query: string) {
    const response = await server.fetch(`${TEST_ORIGIN}/api/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${app.admin.token}` },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, retryAfter: response.headers.get("retry-after"), body: (await response.json()) as any };
  }

  test("when authenticating the caller needs the database", async () => {
    const dead = await deadPostgres("refused");
    const response = await post(graphqlServerOn(app, dead), "{ integrationSystems { totalCount } }");
    assert.equal(response.status, 503);
    assert.equal(response.retryAfter, "5");
    assert.equal(response.body.errors[0].extensions.code, "SERVICE_UNAVAILABLE");
    assert.equal(response.body.errors[0].extensions.http, undefined);
  });

  test("when a resolver needs the database", async () => {
    const dead = await deadPostgres("refused");
    // Authentication reads the working database; the resolver's table is unreachable.
    const halfDead = new Proxy(app.db, {
      get: (target, property) => (property === "integrationSystem" ? dead.integrationSystem : Reflect.get(target, property)),
    });
    const response = await post(graphqlServerOn(app, halfDead), "{ integrationSystems { totalCount } }");
    assert.equal(response.status, 503);
    assert.equal(response.retryAfter, "5");
    assert.deepEqual(
      response.body.errors.map((error: { extensions: { code: string } }) => error.extensions.code),
      ["SERVICE_UNAVAILABLE"],
    );
  });
});
