/**
 * A fresh database and an in-process GraphQL server per test file, on the
 * provider named by TEST_DATABASE (sqlite | postgresql). `npm test` runs every
 * file once per provider, so each test proves its behaviour on both.
 *
 * Call it with top-level await, so its after() hook belongs to the whole file.
 * Each test file runs in its own process (node --test), so setting the
 * environment here before anything reads it gives that file its own database.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { after } from "node:test";
import type { User } from "../generated/prisma-sqlite/client";
import { createApiToken } from "@/domain/api-tokens/api-token.service";
import { type UserPrincipal, userPrincipal } from "@/domain/principals/principal";
import { toIdentity } from "@/domain/users/user.service";
import { createUser } from "@/domain/users/user.service";
import { createGraphQLServer } from "../graphql/yoga";
import { resetConfig } from "../lib/config";
import { type Db, getDb } from "../lib/db";
import { createFastPath } from "@/server/fast-path";
import { CLIENT_ADDRESS_HEADER } from "../lib/http";
import { migrate } from "../lib/migrate";
import { verifyAccessToken } from "@/oauth2/authorization-server";
import { ensureSigningKey } from "@/oauth2/signing-keys";
import { createPostgresDatabase } from "./postgres";

export const TEST_ORIGIN = "http://compass.test";
export const PASSWORD = "correct horse battery staple";

export type Provider = "sqlite" | "postgresql";
export const provider: Provider = process.env.TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";

async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (provider === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "compass-test-"));
    return { url: `file:${dir}/test.db`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  return createPostgresDatabase("compass_test");
}

export interface Caller {
  user: User;
  principal: UserPrincipal;
  /** A personal API token of this user. */
  token: string;
}

export interface GraphQLResponse<Data = Record<string, any>> {
  status: number;
  headers: Headers;
  body: { data?: Data | null; errors?: { message: string; path?: string[]; extensions: Record<string, any> }[] };
}

export interface TestApp {
  db: Db;
  databaseUrl: string;
  server: ReturnType<typeof createGraphQLServer>;
  admin: Caller;
  viewer: Caller;
  /** POST a GraphQL document as `as` (a caller, a raw bearer token, or anonymous). */
  graphql<Data = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: Caller | { token?: string; cookie?: string; headers?: Record<string, string> } | null,
  ): Promise<GraphQLResponse<Data>>;
  /** Like graphql(), but fails the test on any error and returns `data`. */
  ok<Data = Record<string, any>>(query: string, variables?: Record<string, unknown>, as?: Caller): Promise<Data>;
  newCaller(role: "ADMIN" | "VIEWER"): Promise<Caller>;
  /**
   * Serves the hot paths (GraphQL and the OAuth2 endpoints) on a loopback
   * port, as server/main.ts does, and returns the base URL: for tests that need
   * real HTTP, such as openid-client's.
   */
  listen(): Promise<string>;
}

let counter = 0;

export async function setupTestApp(): Promise<TestApp> {
  const database = await createDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.SECRET_KEY ??= randomBytes(32).toString("hex");
  process.env.LOG_LEVEL ??= "error";
  resetConfig();
  await migrate(database.url);
  const db = getDb();
  await ensureSigningKey(db);
  const server = createGraphQLServer(getDb, { verifyAccessToken });
  let httpServer: http.Server | null = null;

  after(async () => {
    if (httpServer) await new Promise((resolve) => httpServer!.close(resolve));
    await db.$disconnect();
    await database.drop();
  });

  async function listen(): Promise<string> {
    if (!httpServer) {
      const fastPath = createFastPath();
      httpServer = http.createServer((req, res) => {
        // server/main.ts always sets the address from the socket; tests may pose as other addresses.
        req.headers[CLIENT_ADDRESS_HEADER] ??= req.socket.remoteAddress ?? "unknown";
        if (!fastPath(req, res)) res.writeHead(404).end();
      });
      httpServer.keepAliveTimeout = 1000;
      await new Promise<void>((resolve) => httpServer!.listen(0, "127.0.0.1", resolve));
    }
    return `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  }

  async function newCaller(role: "ADMIN" | "VIEWER"): Promise<Caller> {
    const user = await createUser(db, "SYSTEM", {
      email: `${role.toLowerCase()}-${++counter}-${randomBytes(3).toString("hex")}@example.test`,
      password: PASSWORD,
      role,
    });
    const principal = userPrincipal(toIdentity(user), "API_TOKEN");
    const { token } = await createApiToken(db, principal, { name: "tests" });
    return { user, principal, token };
  }

  async function graphql<Data>(
    query: string,
    variables?: Record<string, unknown>,
    as?: Caller | { token?: string; cookie?: string; headers?: Record<string, string> } | null,
  ): Promise<GraphQLResponse<Data>> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (as && "token" in as && as.token) headers.authorization = `Bearer ${as.token}`;
    if (as && "cookie" in as && as.cookie) headers.cookie = as.cookie;
    if (as && "headers" in as && as.headers) Object.assign(headers, as.headers);
    const response = await server.fetch(`${TEST_ORIGIN}/api/graphql`, {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, headers: response.headers, body: await response.json() };
  }

  const app: TestApp = {
    db,
    databaseUrl: database.url,
    server,
    admin: await newCaller("ADMIN"),
    viewer: await newCaller("VIEWER"),
    graphql,
    async ok<Data>(query: string, variables?: Record<string, unknown>, as?: Caller) {
      const response = await graphql<Data>(query, variables, as ?? app.admin);
      if (response.body.errors?.length || response.status !== 200) {
        throw new Error(`GraphQL call failed (HTTP ${response.status}): ${JSON.stringify(response.body.errors)}`);
      }
      return response.body.data as Data;
    },
    newCaller,
    listen,
  };
  return app;
}

/** The single error of a failed response (fails if there is not exactly one). */
export function onlyError(response: GraphQLResponse): { message: string; extensions: Record<string, any> } {
  const errors = response.body.errors ?? [];
  if (errors.length !== 1) throw new Error(`expected exactly one error, got ${JSON.stringify(response.body)}`);
  return errors[0];
}

/** Fails unless `promise` rejects with this error code (and, when given, this extensions.field). */
export async function rejectsWithCode(promise: Promise<unknown>, code: string, field?: string): Promise<void> {
  await assert.rejects(promise, (error: { code?: string; field?: string }) => {
    assert.equal(error.code, code);
    if (field !== undefined) assert.equal(error.field, field);
    return true;
  });
}

/**
 * Asserts that `fn` fails with `code` (and `field`) and leaves what `state()`
 * reads as it was: a refused mutation writes nothing, audit log included.
 */
export async function rejectsWithoutChange(state: () => Promise<unknown>, fn: () => Promise<unknown>, code: string, field?: string): Promise<void> {
  const before = await state();
  await rejectsWithCode(fn(), code, field);
  assert.deepEqual(await state(), before, "a failed mutation leaves rows and the audit log unchanged");
}

/** Runs `fn` and returns its result with the audit events it wrote, oldest first. */
export async function auditEventsOf<T>(db: Db, fn: () => Promise<T>) {
  const before = new Set((await db.auditEvent.findMany({ select: { id: true } })).map((row) => row.id));
  const result = await fn();
  const events = (await db.auditEvent.findMany({ orderBy: { id: "asc" } })).filter((event) => !before.has(event.id));
  return { result, events };
}
