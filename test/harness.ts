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
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { after } from "node:test";
import type { IntegrationSystem, User } from "@/generated/prisma-sqlite/client";
import { API_TOKEN_PREFIX } from "@/domain/api-tokens/api-token.service";
import { newBearerSecret, sha256 } from "@/lib/crypto";
import { newId } from "@/lib/ids";
import { type UserPrincipal, userPrincipal } from "@/domain/principals/principal";
import { toIdentity } from "@/domain/users/user.service";
import { createUser } from "@/domain/users/user.service";
import { type GraphQLServer, createGraphQLServer } from "@/graphql/yoga";
import { ApiTokenCache } from "@/domain/api-tokens/api-token-cache";
import { resetConfig, sqlitePathOf } from "@/lib/config";
import type { Db } from "@/lib/db";
import { type Instance, getInstance } from "@/app/instance";
import { graphqlServer } from "@/app/graphql-server";
import { createFastPath } from "@/server/fast-path";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http";
import { flushLog } from "@/lib/logger";
import { migrate, readMigrations } from "@/lib/migrate";
import { ensureSigningKey } from "@/oauth2/signing-keys";
import { createIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { generateClientCredentials } from "@/domain/credentials/system-auth.service";
import { GRANTABLE_INTEGRATION_SYSTEM_SCOPES } from "@/lib/config";
import { issueAccessToken } from "@/oauth2/grants/client-credentials";
import { createPostgresDatabase, ensurePostgresTemplate } from "./postgres";

export const TEST_ORIGIN = "http://compass.test";
export const PASSWORD = "correct horse battery staple";

// ---------------------------------------------------------------------------
// Secrets must never reach the log (docs/design.md). Every test file captures what
// the process logs, at every level, and fails in its after() hook when any
// 12 characters in a row of a secret it handled appear there: a prefix, a
// suffix or a middle part of a token is as much a leak as the whole of it.

/** The shortest run of a secret's characters that counts as a leak. */
export const SECRET_WINDOW = 12;
const secrets = new Set<string>([PASSWORD]);

/** Remembers secrets the test created or sent, so the log check looks for them. */
export function recordSecret(...values: (string | null | undefined)[]): void {
  for (const value of values) if (value && value.length >= SECRET_WINDOW && looksRandom(value)) secrets.add(value);
}

/**
 * Tests also send long filler ("xxxx…", a row of emoji) as passwords or ids;
 * such a value in an error message is the input echoed, not a leaked secret.
 * Every real secret (random tokens, the test password) has far more variety.
 */
function looksRandom(value: string): boolean {
  return new Set(value).size >= 8;
}

// What our secrets look like wherever they pass: bearer tokens of each kind,
// access tokens (JWTs: their payload and signature; the header names only the
// algorithm and key id), client secrets in form bodies, session cookies.
const SECRET_SHAPES = [
  /cmp_(?:pat|cs|setup|reset)_[A-Za-z0-9_-]{20,}/g,
  /eyJ[A-Za-z0-9_-]*\.([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/g,
  /(?:client_secret|password)=([^&\s"]+)/g,
  /"password":"([^"]+)"/g,
  // Credentials in GraphQL answers and in Compass's inline documents (instance auths, fetch requests, webhooks):
  // `"clientSecret":"…"` in JSON, `password: "…"` in a query's text (escaped as `\"` inside a JSON body).
  /"(?:clientSecret|certificate)":"([^"]+)"/g,
  /(?:password|clientSecret|certificate):\s*\\?"([^"\\]+)\\?"/g,
  /compass_session=([^;\s"]+)/g,
];

/** Records every secret-shaped value in `text` (a request or response the harness saw). */
export function recordSecretsIn(text: string | null | undefined): void {
  if (!text) return;
  for (const shape of SECRET_SHAPES) {
    for (const match of text.matchAll(shape)) recordSecret(decoded(match[1] ?? match[0]));
  }
}

/** Form values as sent; a malformed escape (tests send those on purpose) is kept as it is. */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const LEVELS: Record<string, number> = { debug: 10, info: 20, warn: 30, error: 40 };
/** The level the developer asked to see; the log itself is captured at debug. */
const shownLevel = LEVELS[process.env.LOG_LEVEL ?? "error"] ?? LEVELS.error;
process.env.LOG_LEVEL = "debug";
const captured: string[] = [];

function capture(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream);
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (typeof chunk === "string") {
      captured.push(chunk);
      // Logger lines below the level asked for are kept off the test output.
      const level = /^\{"time":"[^"]*","level":"(\w+)"/.exec(chunk)?.[1];
      if (level && LEVELS[level] < shownLevel) {
        const callback = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
        callback?.();
        return true;
      }
    }
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof stream.write;
}
capture(process.stdout);
capture(process.stderr);

// Tests reach listen()'s server with fetch: what they send and receive there is recorded too.
const realFetch = globalThis.fetch;
globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
  // Headers only: a Request built from `init` would lock a stream body.
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  recordSecret(headers.get("authorization")?.replace(/^\w+\s+/, ""));
  recordBasicAuth(headers.get("authorization"));
  recordSecretsIn(headers.get("cookie"));
  if (typeof init?.body === "string" || init?.body instanceof URLSearchParams) recordSecretsIn(init.body.toString());
  const response = await realFetch(input, init);
  response
    .clone()
    .text()
    .then(recordSecretsIn, () => {});
  return response;
};

function recordBasicAuth(authorization: string | null): void {
  const basic = /^Basic\s+(\S+)/i.exec(authorization ?? "");
  if (!basic) return;
  const pair = Buffer.from(basic[1], "base64").toString();
  recordSecret(decoded(pair.slice(pair.indexOf(":") + 1)));
}

/** The first 12-character run of a recorded secret found in `text`, or null. Linear in the text's length. */
export function findLeak(text: string, known: Iterable<string> = secrets): { window: string; at: number } | null {
  const windows = new Set<string>();
  for (const secret of known) {
    for (let i = 0; i + SECRET_WINDOW <= secret.length; i++) windows.add(secret.slice(i, i + SECRET_WINDOW));
  }
  if (windows.size === 0) return null;
  for (let at = 0; at + SECRET_WINDOW <= text.length; at++) {
    const window = text.slice(at, at + SECRET_WINDOW);
    if (windows.has(window)) return { window, at };
  }
  return null;
}

/** Everything this process has logged so far, at every level (the logger's pending lines written first). */
export function capturedLog(): string {
  flushLog();
  return captured.join("");
}

/** Fails when the captured log holds part of a recorded secret. */
export function assertNoSecretsLogged(): void {
  const log = capturedLog();
  const leak = findLeak(log);
  if (!leak) return;
  const end = log.indexOf("\n", leak.at);
  const line = log.slice(log.lastIndexOf("\n", leak.at) + 1, end === -1 ? undefined : end);
  assert.fail(`the log holds ${SECRET_WINDOW} characters of a secret the test used ("${leak.window}") in: ${line.slice(0, 300)}`);
}

export type Provider = "sqlite" | "postgresql";
export const provider: Provider = process.env.TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";

/** An empty database of this run's provider (not migrated), and how to drop it. */
export async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (provider === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "compass-test-"));
    return { url: `file:${dir}/test.db`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  return createPostgresDatabase("compass_test");
}

/**
 * The template every test file's database is copied from: the committed
 * migrations applied once, named after their checksums, so a changed or new
 * migration makes a new template and an unchanged one is reused by the next
 * run too. Migrating each file's database took most of a file's set-up on
 * PostgreSQL (docs/decisions/0035-test-suite-time.md).
 */
function templateName(): string {
  const migrations = readMigrations(provider);
  const key = createHash("sha256").update(migrations.map((migration) => `${migration.name}:${migration.checksum}`).join("\n"));
  return `compass_template_${key.digest("hex").slice(0, 16)}`;
}

/** A database of this run's provider with every migration applied (a copy of the template), and how to drop it. */
export async function createMigratedDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = templateName();
  if (provider === "postgresql") return createPostgresDatabase("compass_test", await ensurePostgresTemplate(template, migrate));
  const templateFile = path.join(os.tmpdir(), `${template}.db`);
  if (!fs.existsSync(templateFile)) {
    // Built beside it and renamed into place: files starting together never see half a template.
    const building = `${templateFile}.${process.pid}`;
    await migrate(`file:${building}`);
    fs.renameSync(building, templateFile);
  }
  const database = await createDatabase();
  fs.copyFileSync(templateFile, sqlitePathOf(database.url));
  return database;
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
  server: GraphQLServer;
  /** The process's instance (app/instance.ts), on this file's database: what the route files and the fast path use too. */
  instance: Instance;
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

/**
 * A caller's token: unscoped, so it acts with its role's full rights as a
 * console session does (a VIEWER's own tokens are read-only: made through
 * createApiToken, a viewer caller could not test its account's mutations).
 */
export async function callerToken(db: Db, user: User): Promise<{ principal: UserPrincipal; token: string }> {
  const token = newBearerSecret(API_TOKEN_PREFIX);
  recordSecret(token);
  const row = await db.apiToken.create({ data: { id: newId(), name: "tests", tokenHash: sha256(token), userId: user.id } });
  return { principal: userPrincipal(toIdentity(user), "API_TOKEN", row.id), token };
}

export async function setupTestApp(): Promise<TestApp> {
  const database = await createMigratedDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.SECRET_KEY ??= randomBytes(32).toString("hex");
  resetConfig();
  const instance = getInstance();
  const { db } = instance;
  await ensureSigningKey(db);
  const server = graphqlServer(instance);
  let httpServer: http.Server | null = null;

  after(async () => {
    try {
      if (httpServer) await new Promise((resolve) => httpServer!.close(resolve));
      await instance.close();
    } finally {
      await database.drop();
    }
    assertNoSecretsLogged();
  });

  async function listen(): Promise<string> {
    if (!httpServer) {
      const fastPath = createFastPath(instance);
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
    return { user, ...(await callerToken(db, user)) };
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
    recordSecret(headers.authorization?.replace(/^\w+\s+/, ""));
    recordSecretsIn(headers.cookie);
    const body = JSON.stringify({ query, variables });
    recordSecretsIn(body);
    const response = await server.fetch(`${TEST_ORIGIN}/api/graphql`, { method: "POST", headers, body });
    const text = await response.text();
    recordSecretsIn(text);
    return { status: response.status, headers: response.headers, body: JSON.parse(text) };
  }

  const app: TestApp = {
    db,
    databaseUrl: database.url,
    server,
    instance,
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

/**
 * A GraphQL server over another client than the app's (a test double: broken,
 * counted, proxied, or the app's own), with an API-token cache of its own on
 * that client, as an instance on it would have. Built now, so configuration
 * the test set is read. No instance holds `db`, so it reads through Prisma
 * alone (no prepared reader), like any client but an instance's.
 */
export function graphqlServerOn(app: TestApp, db: Db = app.db): GraphQLServer {
  const instance = { ...app.instance, db, apiTokens: db === app.db ? app.instance.apiTokens : new ApiTokenCache(db) };
  return createGraphQLServer(instance, { verifyAccessToken: app.instance.oauth2.verifyAccessToken });
}

/** The single error of a failed response (fails if there is not exactly one). */
/**
 * Deletes a row without its foreign keys' cascades, leaving the rows that
 * point at it: what a read of several rows sees when a delete commits between
 * its statements (issue 20, finding 12), made certain instead of rare.
 */
export async function deleteBehindForeignKeys(db: Db, table: string, id: string): Promise<void> {
  if (provider === "postgresql") {
    await db.$transaction(async (tx) => {
      // Foreign keys are triggers in PostgreSQL; replica mode skips them for this transaction.
      await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
      await tx.$executeRawUnsafe(`DELETE FROM "${table}" WHERE "id" = $1`, id);
    });
  } else {
    // SQLite: one connection, and the pragma is a no-op inside a transaction.
    await db.$executeRawUnsafe(`PRAGMA foreign_keys = OFF`);
    try {
      await db.$executeRawUnsafe(`DELETE FROM "${table}" WHERE "id" = ?`, id);
    } finally {
      await db.$executeRawUnsafe(`PRAGMA foreign_keys = ON`);
    }
  }
}

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

/** The tables a service test may watch for writes (`serviceChecks`). */
type WatchedTable = "integrationSystem" | "tenant" | "application" | "systemAuth";

/**
 * The checks a domain service's tests share: `snapshot()` reads the watched
 * tables' rows and the audit log's size; `expectRejectedWithoutChange` fails
 * unless `fn` is refused with `code` (and `field`) and leaves that snapshot as
 * it was; `auditOf` answers `fn`'s result with the audit events it wrote.
 */
export function serviceChecks(db: Db, tables: readonly WatchedTable[]) {
  async function snapshot() {
    const rows: Record<string, unknown> = {};
    for (const table of tables) {
      // The delegates' findMany types differ per model; every watched table has an id to order by.
      const delegate = db[table] as unknown as { findMany(args: { orderBy: { id: "asc" } }): Promise<unknown[]> };
      rows[table] = await delegate.findMany({ orderBy: { id: "asc" } });
    }
    rows.audit = await db.auditEvent.count();
    return rows;
  }
  return {
    snapshot,
    expectRejectedWithoutChange: (fn: () => Promise<unknown>, code: string, field?: string) => rejectsWithoutChange(snapshot, fn, code, field),
    auditOf: <T>(fn: () => Promise<T>) => auditEventsOf(db, fn),
  };
}

/** Runs `fn` and returns its result with the audit events it wrote, oldest first. */
export async function auditEventsOf<T>(db: Db, fn: () => Promise<T>) {
  const before = new Set((await db.auditEvent.findMany({ select: { id: true } })).map((row) => row.id));
  const result = await fn();
  const events = (await db.auditEvent.findMany({ orderBy: { id: "asc" } })).filter((event) => !before.has(event.id));
  return { result, events };
}

/**
 * A bare application template with this id (upserted), for tests that set an
 * application's applicationTemplateId directly: the column is a foreign key.
 */
export async function ensureApplicationTemplate(db: Db, id: string): Promise<string> {
  const row = { name: `template ${id}`, applicationInput: JSON.stringify({ name: "app" }), placeholders: "[]" };
  await db.applicationTemplate.upsert({ where: { id }, create: { id, ...row }, update: {} });
  return id;
}

/** An access token of an OAuth2 client (the client-credentials grant), with every scope the client has. */
export async function clientToken(app: TestApp, clientId: string): Promise<string> {
  const client = await app.instance.oauth2.clients.find(clientId);
  assert.ok(client);
  const { access_token } = await issueAccessToken(app.instance.oauth2, client, [...client.scopes], TEST_ORIGIN);
  recordSecret(access_token);
  return access_token;
}

/**
 * A new integration system, its client credentials granted every scope an
 * integration system may be granted, and an access token of theirs: how
 * Compass's e2e tests call as a system. The file sets
 * INTEGRATION_SYSTEM_SCOPES before setupTestApp() for the token to hold them.
 */
export async function integrationSystemToken(app: TestApp, name: string): Promise<{ system: IntegrationSystem; token: string }> {
  const system = await createIntegrationSystem(app.db, app.admin.principal, { name });
  const credential = await generateClientCredentials(app.db, app.admin.principal, system.id, { grantable: GRANTABLE_INTEGRATION_SYSTEM_SCOPES });
  recordSecret(credential.clientSecret);
  return { system, token: await clientToken(app, credential.id) };
}
