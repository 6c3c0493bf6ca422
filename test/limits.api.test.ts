/**
 * Bad input: every kind gets a clear GraphQL error with a code, and changes
 * nothing. Oversized bodies, parse and validation limits, wrong variables,
 * bad cursors, unknown ids, text the databases cannot store, and internal
 * errors, which leave as a code and an error id that is in the log.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import {
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  buildSchema,
  getIntrospectionQuery,
  parse,
  print,
  specifiedRules,
  validate,
  visit,
} from "graphql";
import { DEFAULT_QUERY_LIMITS, queryLimitError } from "@/graphql/plugins/query-limits";
import { POST as loginRoute } from "@/app/api/auth/login/route";
import { createIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { generateClientCredentials } from "@/domain/credentials/system-auth.service";
import { SESSION_COOKIE, createSession } from "@/domain/users/session.service";
import type { GraphQLServer } from "@/graphql/yoga";
import { getConfig, resetConfig } from "@/lib/config";
import type { Db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { type GraphQLResponse, TEST_ORIGIN, graphqlServerOn, onlyError, setupTestApp } from "./harness";

const app = await setupTestApp();

let counter = 0;
const unique = (prefix: string) => `${prefix} ${++counter} ${Date.now().toString(36)}`;

/** Every table a call could change; lastUsedAt is left out (token use writes it). */
async function snapshot() {
  const byId = { orderBy: { id: "asc" as const } };
  const [systems, auths, users, tokens, sessions, audit] = await Promise.all([
    app.db.integrationSystem.findMany({ ...byId, select: { id: true, name: true, description: true, updatedAt: true } }),
    app.db.systemAuth.findMany({ ...byId, select: { id: true, integrationSystemId: true, secretHash: true } }),
    app.db.user.findMany({ ...byId, select: { id: true, email: true, role: true } }),
    app.db.apiToken.findMany({ ...byId, select: { id: true, name: true, expiresAt: true } }),
    app.db.session.count(),
    app.db.auditEvent.count(),
  ]);
  return { systems, auths, users, tokens, sessions, audit };
}

/** Runs `fn` and fails unless the database is exactly as before. */
async function changesNothing<T>(what: string, fn: () => Promise<T>): Promise<T> {
  const before = await snapshot();
  const result = await fn();
  assert.deepEqual(await snapshot(), before, `${what} must change nothing`);
  return result;
}

function assertError(response: GraphQLResponse, code: string, field?: string) {
  const error = onlyError(response);
  assert.equal(error.extensions.code, code, `${error.message} (${JSON.stringify(error.extensions)})`);
  if (field !== undefined) assert.equal(error.extensions.field, field, error.message);
  return error;
}

async function rawPost(body: BodyInit, headers: Record<string, string> = {}, server: GraphQLServer = app.server) {
  const response = await server.fetch(`${TEST_ORIGIN}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${app.admin.token}`, ...headers },
    body,
    // Needed for a streamed request body.
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) as GraphQLResponse["body"] };
}

const CREATE = `mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { id } }`;

// ---------------------------------------------------------------------------
// request bodies

test("a body larger than the limit answers 413 when Content-Length says so", async () => {
  const limit = getConfig().maxBodyBytes;
  const body = JSON.stringify({ query: CREATE, variables: { in: { name: unique("huge"), description: "x".repeat(limit) } } });
  const response = await changesNothing("an oversized body", () => rawPost(body, { "content-length": String(Buffer.byteLength(body)) }));
  assert.equal(response.status, 413);
  assertError(response, "PAYLOAD_TOO_LARGE");
  // Refused before authentication even looks at it.
  const anonymous = await rawPost(body, { "content-length": String(Buffer.byteLength(body)), authorization: "" });
  assert.equal(anonymous.status, 413);
});

/** A streamed body without Content-Length, as with Transfer-Encoding: chunked; counts the chunks read. */
function chunkedBody(text: string, chunkSize = 8192) {
  const bytes = new TextEncoder().encode(text);
  const state = { pulled: 0, total: Math.ceil(bytes.length / chunkSize) };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled === state.total) return controller.close();
      controller.enqueue(bytes.subarray(state.pulled * chunkSize, (state.pulled + 1) * chunkSize));
      state.pulled++;
    },
  });
  return { stream, state };
}

test("a chunked body without Content-Length is cut off at the limit with 413", async () => {
  const limit = getConfig().maxBodyBytes;
  // 40 times the limit: the server must stop reading long before the end.
  const text = JSON.stringify({ query: CREATE, variables: { in: { name: unique("chunked"), description: "x".repeat(40 * limit) } } });
  const { stream, state } = chunkedBody(text);
  const response = await changesNothing("an oversized chunked body", () => rawPost(stream));
  assert.equal(response.status, 413);
  assertError(response, "PAYLOAD_TOO_LARGE");
  assert.ok(state.pulled < state.total / 10, `read ${state.pulled} of ${state.total} chunks`);

  // The same path serves a chunked body within the limit.
  const small = chunkedBody(JSON.stringify({ query: CREATE, variables: { in: { name: unique("chunked ok") } } }), 16);
  const ok = await rawPost(small.stream);
  assert.equal(ok.status, 200, ok.text);
  assert.ok(ok.body.data!.createIntegrationSystem.id);
});

test("a body that is not a GraphQL request object answers 400 with a code", async () => {
  await changesNothing("malformed bodies", async () => {
    for (const body of [
      "not json",
      "",
      `{"query": "mutation { createIntegrationSystem(in: {name: \\"half\\"}) { id } }"`,
      JSON.stringify([{ query: CREATE, variables: { in: { name: "batched" } } }]),
      JSON.stringify("a string"),
      "null",
      JSON.stringify({ query: 42 }),
      JSON.stringify({ query: CREATE, variables: "not an object" }),
    ]) {
      const response = await rawPost(body);
      assert.equal(response.status, 400, body);
      assert.equal(onlyError(response).extensions.code, "BAD_REQUEST", body);
    }
  });
});

// ---------------------------------------------------------------------------
// document limits

test("a document with too many tokens is refused while parsing: GRAPHQL_PARSE_FAILED", async () => {
  const padding = " __typename".repeat(6000);
  const response = await changesNothing("a too-long mutation", () =>
    app.graphql(`mutation { createIntegrationSystem(in: {name: "${unique("tokens")}"}) { id ${padding} } }`, {}, app.admin),
  );
  assertError(response, "GRAPHQL_PARSE_FAILED");
  assert.match(onlyError(response).message, /tokens/);
  // And a plain syntax error has the same code.
  assertError(await app.graphql(`mutation { createIntegrationSystem(in: {name: "x"}) { id }`, {}, app.admin), "GRAPHQL_PARSE_FAILED");
});

test("a document nested thousands of levels deep is refused before parsing: GRAPHQL_PARSE_FAILED, not a stack overflow", async () => {
  // graphql-js's parser recurses per level: 2400 levels, within the token limit, overflowed the call stack (INTERNAL_SERVER_ERROR).
  const documents = [
    `{ ${"viewer { ".repeat(2400)}`,
    `{ ${"viewer { ".repeat(2400)}kind${" }".repeat(2401)}`,
    `{ integrationSystems(search: ${"[".repeat(2400)}"x"${"]".repeat(2400)}) { totalCount } }`,
  ];
  for (const document of documents) {
    const response = await app.graphql(document, {}, app.admin);
    assert.ok(response.status < 500, `HTTP ${response.status}`);
    assertError(response, "GRAPHQL_PARSE_FAILED");
    assert.match(onlyError(response).message, /nests brackets more than \d+ levels/);
  }
  // Brackets inside strings and comments are not nesting.
  const quoted = `{ integrationSystems(search: "${"{[(".repeat(60)}") { totalCount } } # ${"{".repeat(100)}`;
  assert.equal((await app.graphql(quoted, {}, app.admin)).body.errors, undefined);
  const block = `{ integrationSystems(search: """${"{".repeat(70)} \\""" ${"[".repeat(70)}""") { totalCount } }`;
  assert.equal((await app.graphql(block, {}, app.admin)).body.errors, undefined);
});

test("a document nested deeper than the limit is refused: GRAPHQL_VALIDATION_FAILED", async () => {
  const limit = getConfig().graphqlMaxDepth;
  const deep = "{ a ".repeat(limit + 2) + "}".repeat(limit + 2);
  const response = await app.graphql(`query ${deep}`, {}, app.admin);
  const errors = response.body.errors ?? [];
  assert.ok(errors.length > 0 && errors.every((error) => error.extensions.code === "GRAPHQL_VALIDATION_FAILED"));
  assert.ok(
    errors.some((error) => /nested \d+ levels deep/.test(error.message)),
    JSON.stringify(errors),
  );

  // Introspection's type cycles (fields → type → fields ...) are limited too.
  const cyclic = `{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }`;
  assertError(await app.graphql(cyclic, {}, app.admin), "GRAPHQL_VALIDATION_FAILED");
});

/** Runs `fn` with extra environment (read through a fresh config), then restores both. */
function withEnv<T>(env: Record<string, string>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  resetConfig();
  try {
    return fn();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetConfig();
  }
}

test("a valid mutation deeper than a configured limit is refused before it runs", async () => {
  const shallow = withEnv({ GRAPHQL_MAX_DEPTH: "4" }, () => graphqlServerOn(app));
  const name = unique("too deep");
  const deep = `mutation { createIntegrationSystem(in: {name: "${name}"}) {
    auths { auth { credential { ... on OAuthCredentialData { clientId } } } } } }`;
  const response = await changesNothing("a too-deep mutation", () => rawPost(JSON.stringify({ query: deep }), {}, shallow));
  assertError(response, "GRAPHQL_VALIDATION_FAILED");
  assert.match(onlyError(response).message, /nested 5 levels deep; the limit is 4/);
  assert.equal(response.body.data, undefined);
  // Four levels are fine there.
  const ok = await rawPost(JSON.stringify({ query: `{ integrationSystems(first: 1) { data { auths { id } } } }` }), {}, shallow);
  assert.equal(ok.body.errors, undefined, ok.text);
});

test("a document that would cost too much is refused: GRAPHQL_VALIDATION_FAILED", async () => {
  const page = `integrationSystems(first: 200) { data { id name description createdAt updatedAt lastUsedAt auths { id secretHint type scopes referenceObjectId auth { credential { ... on OAuthCredentialData { clientId clientSecret url } } } } } }`;
  const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: ${page}`).join("\n");
  const response = await app.graphql(`{ ${aliases} }`, {}, app.admin);
  assertError(response, "GRAPHQL_VALIDATION_FAILED");
  assert.match(onlyError(response).message, /cost/);
  // A page size in a variable counts as the largest page, whatever the variable holds.
  const variable = `query($n: Int) { ${Array.from({ length: 20 }, (_, i) => `a${i}: integrationSystems(first: $n) { data { id name description createdAt updatedAt lastUsedAt auths { id secretHint type scopes referenceObjectId auth { credential { ... on OAuthCredentialData { clientId clientSecret url } } } } } }`).join(" ")} }`;
  assertError(await app.graphql(variable, { n: 1 }, app.admin), "GRAPHQL_VALIDATION_FAILED");
  // One such page is fine.
  assert.equal((await app.graphql(`{ ${page} }`, {}, app.admin)).body.errors, undefined);
});

test("every document the console sends passes the limits and graphql-js's validation", () => {
  const schema = buildSchema(fs.readFileSync(path.join(import.meta.dirname, "../graphql/schema.generated.graphqls"), "utf8"));
  const limits = { ...DEFAULT_QUERY_LIMITS, maxDepth: getConfig().graphqlMaxDepth, maxCost: getConfig().graphqlMaxCost };
  const files = fs
    .readdirSync(path.join(import.meta.dirname, "../components"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".graphql"));
  assert.ok(files.length >= 9, `found ${files.length} documents`);
  // Fragments are shared between the console's files (codegen sends each
  // operation with the fragments it spreads): each file is checked with the
  // fragments it reaches from other files, as it is sent.
  const documents = new Map(files.map((file) => [file, parse(fs.readFileSync(path.join(import.meta.dirname, "../components", file), "utf8"))]));
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const document of documents.values()) {
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  for (const file of files) {
    const own = documents.get(file) as DocumentNode;
    // A file of fragments only (components/ui/page-cursor.graphql) is sent only where they are spread: checked there.
    if (!own.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION)) continue;
    const reached = new Map<string, FragmentDefinitionNode>();
    const owned = new Set(own.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [definition.name.value] : [])));
    const follow = (node: ASTNode) =>
      visit(node, {
        FragmentSpread(spread) {
          const name = spread.name.value;
          const fragment = fragments.get(name);
          if (owned.has(name) || reached.has(name) || !fragment) return;
          reached.set(name, fragment);
          follow(fragment);
        },
      });
    follow(own);
    const source = [print(own), ...[...reached.values()].map((fragment) => print(fragment))].join("\n");
    const document = parse(source, { maxTokens: limits.maxTokens });
    assert.equal(queryLimitError(schema, document, limits)?.message, undefined, file);
    assert.deepEqual(
      validate(schema, document, specifiedRules).map((error) => error.message),
      [],
      file,
    );
  }
});

test("a Compass-style full listing is served within the limits", async () => {
  const query = `{
    integrationSystems(first: 100) {
      data { id name description auths { id createdAt secretHint auth { credential { ... on OAuthCredentialData { clientId url } } } } }
      pageInfo { startCursor endCursor hasNextPage }
      totalCount
    }
    tenants(first: 200) { data { id externalId name } pageInfo { endCursor hasNextPage } totalCount }
    viewer { kind role scopes user { id email role } }
  }`;
  const response = await app.graphql(query, {}, app.admin);
  assert.equal(response.body.errors, undefined, JSON.stringify(response.body.errors));
  assert.ok(response.body.data!.integrationSystems.totalCount >= 0);
});

// ---------------------------------------------------------------------------
// variables, page sizes, cursors

test("variables of the wrong type are BAD_USER_INPUT naming the input, with HTTP 400, and change nothing", async () => {
  const LIST = `query($first: Int) { integrationSystems(first: $first) { totalCount } }`;
  const cases: [string, Record<string, unknown> | undefined, string][] = [
    [LIST, { first: "ten" }, "first"],
    [LIST, { first: 1.5 }, "first"],
    [LIST, { first: 2 ** 31 }, "first"],
    [CREATE, { in: { name: 42 } }, "in.name"],
    [CREATE, { in: { name: "ok", description: ["a", "list"] } }, "in.description"],
    [CREATE, { in: { name: "ok", color: "red" } }, "in"],
    [CREATE, { in: null }, "in"],
    [CREATE, {}, "in"],
    [CREATE, undefined, "in"],
    [`mutation($id: ID!) { deleteIntegrationSystem(id: $id) { id } }`, { id: { $ne: null } }, "id"],
    [`mutation($id: ID!) { deleteIntegrationSystem(id: $id) { id } }`, { id: true }, "id"],
  ];
  await changesNothing("wrongly typed variables", async () => {
    for (const [query, variables, field] of cases) {
      const response = await app.graphql(query, variables, app.admin);
      assert.equal(response.status, 400, JSON.stringify(variables));
      assertError(response, "BAD_USER_INPUT", field);
    }
  });
});

test("page sizes outside 1-200 are BAD_USER_INPUT naming `first`", async () => {
  for (const first of [0, -1, 201, 1000]) {
    assertError(await app.graphql(`{ integrationSystems(first: ${first}) { totalCount } }`, {}, app.admin), "BAD_USER_INPUT", "first");
    assertError(await app.graphql(`{ auditEvents(first: ${first}) { totalCount } }`, {}, app.admin), "BAD_USER_INPUT", "first");
  }
});

test("malformed, forged and foreign cursors are BAD_USER_INPUT naming `after`", async () => {
  for (let i = 0; i < 3; i++) await createIntegrationSystem(app.db, app.admin.principal, { name: unique("paged") });
  const byName = (await app.ok<any>(`{ integrationSystems(first: 1, orderBy: {field: NAME}) { pageInfo { endCursor } } }`)).integrationSystems;
  const audit = (await app.ok<any>(`{ auditEvents(first: 1) { pageInfo { endCursor } } }`)).auditEvents;
  const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const cursors = [
    "!!!", // not base64url
    "a".repeat(3000), // longer than any real cursor
    "abc", // base64url, but not JSON
    forge({ kind: "integrationSystems:CREATED_AT:ASC" }), // JSON, not the shape
    forge(["integrationSystems:CREATED_AT:ASC", "yesterday", "id"]), // wrong value types
    forge(["integrationSystems:CREATED_AT:ASC", 1e300, "id"]), // a time no database holds
    forge(["integrationSystems:CREATED_AT:ASC", 0, "a\u0000b"]), // a string no database holds
    forge(["integrationSystems:CREATED_AT:ASC", 0, "a\ud800b"]),
    byName.pageInfo.endCursor, // same list, another ordering
    audit.pageInfo.endCursor, // another list
  ];
  await changesNothing("bad cursors", async () => {
    for (const after of cursors) {
      const asVariable = await app.graphql(`query($after: PageCursor) { integrationSystems(first: 1, after: $after) { totalCount } }`, { after }, app.admin);
      assertError(asVariable, "BAD_USER_INPUT", "after");
      const asLiteral = await app.graphql(`{ integrationSystems(first: 1, after: ${JSON.stringify(after)}) { totalCount } }`, {}, app.admin);
      assertError(asLiteral, "BAD_USER_INPUT", "after");
    }
    assertError(await app.graphql(`{ auditEvents(after: "abc") { totalCount } }`, {}, app.admin), "BAD_USER_INPUT", "after");
    assertError(
      await app.graphql(`query($after: PageCursor) { auditEvents(after: $after) { totalCount } }`, { after: forge(["auditEvents", 0, "\u0000"]) }, app.admin),
      "BAD_USER_INPUT",
      "after",
    );
  });
});

// ---------------------------------------------------------------------------
// unknown ids

test("unknown ids, well-formed or not: null from queries, NOT_FOUND from mutations, nothing changed", async () => {
  const system = await createIntegrationSystem(app.db, app.admin.principal, { name: unique("known") });
  const auth = await generateClientCredentials(app.db, app.admin.principal, system.id);
  const unknownIds = [newId(), "not-an-id", "1", "' OR '1'='1", "%", "../../etc/passwd", "x".repeat(5000)];
  // Ids of one kind of object passed where another kind is expected.
  const foreign = { system: auth.id, auth: system.id, user: system.id, token: app.admin.user.id };

  const mutations: [string, string, string][] = [
    ["updateIntegrationSystem", `mutation($id: ID!) { updateIntegrationSystem(id: $id, in: {name: "renamed"}) { id } }`, foreign.system],
    ["deleteIntegrationSystem", `mutation($id: ID!) { deleteIntegrationSystem(id: $id) { id } }`, foreign.system],
    ["generateClientCredentialsForIntegrationSystem", `mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(id: $id) { id } }`, foreign.system],
    ["deleteSystemAuthForIntegrationSystem", `mutation($id: ID!) { deleteSystemAuthForIntegrationSystem(id: $id) { id } }`, foreign.auth],
    ["deleteUser", `mutation($id: ID!) { deleteUser(id: $id) { id } }`, foreign.user],
    ["revokeApiToken", `mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, foreign.token],
  ];
  await changesNothing("mutations on unknown ids", async () => {
    for (const [field, query, foreignId] of mutations) {
      for (const id of [...unknownIds, foreignId]) {
        const response = await app.graphql(query, { id }, app.admin);
        assert.equal(response.status, 200);
        const error = assertError(response, "NOT_FOUND");
        assert.deepEqual((error as { path?: string[] }).path, [field]);
        assert.ok(error.message.length < 300, "the id is echoed, but not at any length");
        assert.equal(response.body.data, null);
      }
    }
    for (const id of [...unknownIds, auth.id, app.admin.user.id]) {
      const response = await app.graphql(`query($id: ID!) { integrationSystem(id: $id) { id } }`, { id }, app.admin);
      assert.deepEqual(response.body, { data: { integrationSystem: null } });
      const history = await app.graphql(`query($id: ID) { auditEvents(objectId: $id) { totalCount data { id } } }`, { id }, app.admin);
      assert.equal(history.body.errors, undefined);
    }
  });
});

// ---------------------------------------------------------------------------
// text the databases cannot store

test("text with NUL characters or unpaired surrogates is BAD_USER_INPUT, not a database error", async () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [CREATE, { in: { name: unique("nul"), description: "before\u0000after" } }, "in.description"],
    [CREATE, { in: { name: unique("surrogate"), description: "half a pair: \ud83d" } }, "in.description"],
    [CREATE, { in: { name: unique("low surrogate"), description: "\udc00 alone" } }, "in.description"],
    [`query($id: ID!) { integrationSystem(id: $id) { id } }`, { id: "a\u0000b" }, "id"],
    [`mutation($id: ID!) { deleteIntegrationSystem(id: $id) { id } }`, { id: "a\u0000b" }, "id"],
    [`query($s: String) { integrationSystems(search: $s) { totalCount } }`, { s: "\u0000" }, "s"],
    [`query($id: ID) { auditEvents(objectId: $id) { totalCount } }`, { id: "\u0000" }, "id"],
    [`mutation($name: String!) { createApiToken(name: $name) { token } }`, { name: "bot\u0000" }, "name"],
    [
      `mutation($in: CreateUserInput!) { createUser(in: $in) { id } }`,
      { in: { email: "a\u0000@example.test", password: "x".repeat(12), role: "VIEWER" } },
      "in.email",
    ],
  ];
  await changesNothing("unstorable text", async () => {
    for (const [query, variables, field] of cases) assertError(await app.graphql(query, variables, app.admin), "BAD_USER_INPUT", field);
    // In the document itself, too.
    assertError(
      await app.graphql(`mutation { createIntegrationSystem(in: {name: "${unique("literal")}", description: "a\\u0000b"}) { id } }`, {}, app.admin),
      "BAD_USER_INPUT",
      "in.description",
    );
    // (graphql-js's lexer already refuses an unpaired surrogate escape in a literal.)
    assertError(await app.graphql(`{ integrationSystem(id: "\\ud800") { id } }`, {}, app.admin), "GRAPHQL_PARSE_FAILED");
    // And at the login endpoint.
    const login = await loginRoute(
      new Request(`${TEST_ORIGIN}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-compass-client-address": "203.0.113.7" },
        body: JSON.stringify({ email: "admin\u0000@example.test", password: "whatever it is" }),
      }),
    );
    assert.equal(login.status, 400);
    assert.equal((await login.json()).error, "invalid_request");
  });
  // Ordinary non-ASCII text is of course fine.
  const ok = await app.graphql(CREATE, { in: { name: unique("Ünïcødé 名前"), description: "emoji 🚀 and \u00e9" } }, app.admin);
  assert.equal(ok.body.errors, undefined, JSON.stringify(ok.body.errors));
});

// ---------------------------------------------------------------------------
// internal errors

const ORM_MESSAGE =
  "Invalid `prisma.integrationSystem.findUnique()` invocation:\n\n" +
  'PrismaClientKnownRequestError: Connection to 10.1.2.3:5432 failed: password authentication failed for user "compass" (P1000)';

/** app.db, except that `model.method` rejects with an ORM-like error. */
function brokenDb(model: string, method: string): Db {
  return new Proxy(app.db, {
    get(target, property) {
      const value = Reflect.get(target, property);
      if (property === model) {
        return new Proxy(value, {
          get(delegate, name) {
            if (name === method) return () => Promise.reject(new Error(ORM_MESSAGE.replace("integrationSystem.findUnique", `${model}.${method}`)));
            const member = Reflect.get(delegate, name);
            return typeof member === "function" ? member.bind(delegate) : member;
          },
        });
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Runs `fn` with stderr captured (and kept off the test output); returns what was written. */
async function captureStderr<T>(fn: () => Promise<T>): Promise<{ result: T; log: string }> {
  const write = process.stderr.write;
  const chunks: string[] = [];
  process.stderr.write = ((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  }) as typeof process.stderr.write;
  try {
    return { result: await fn(), log: chunks.join("") };
  } finally {
    process.stderr.write = write;
  }
}

/** The JSON lines of lib/logger.ts at level error. */
function errorLines(log: string): Record<string, unknown>[] {
  return log
    .split("\n")
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return []; // other writers' lines
      }
    })
    .filter((entry) => entry?.level === "error");
}

function assertMasked(text: string, errorId: string) {
  for (const leak of ["prisma", "Prisma", "invocation", "password authentication", "10.1.2.3", "    at ", ".ts:"]) {
    assert.ok(!text.includes(leak), `the response leaks "${leak}": ${text}`);
  }
  assert.match(errorId, /^[0-9a-f-]{36}$/);
}

test("internal errors are masked: a message with an error id, INTERNAL_SERVER_ERROR, and the id in the log", async () => {
  const system = await createIntegrationSystem(app.db, app.admin.principal, { name: unique("unreachable") });
  const server = graphqlServerOn(app, brokenDb("integrationSystem", "findUnique"));
  const { result: response, log } = await captureStderr(() =>
    rawPost(JSON.stringify({ query: `query($id: ID!) { integrationSystem(id: $id) { id name } }`, variables: { id: system.id } }), {}, server),
  );
  assert.equal(response.status, 200);
  const error = assertError(response, "INTERNAL_SERVER_ERROR");
  const errorId = error.extensions.errorId as string;
  assert.equal(error.message, `Internal server error (error id ${errorId})`);
  assert.deepEqual((error as { path?: string[] }).path, ["integrationSystem"]);
  assert.deepEqual(response.body.data, { integrationSystem: null });
  assertMasked(response.text, errorId);

  // The details are in the log, under that id.
  const logged = errorLines(log).filter((entry) => entry.errorId === errorId);
  assert.equal(logged.length, 1, log);
  assert.match(String(logged[0].error), /password authentication failed/);

  // Each failure gets its own id.
  const again = await captureStderr(() =>
    rawPost(JSON.stringify({ query: `query($id: ID!) { integrationSystem(id: $id) { id } }`, variables: { id: system.id } }), {}, server),
  );
  assert.notEqual(onlyError(again.result).extensions.errorId, errorId);
});

test("an internal error carries the request's id (set by the server's request entry) beside its error id, in the answer and the log line", async () => {
  const system = await createIntegrationSystem(app.db, app.admin.principal, { name: unique("request-id") });
  const server = graphqlServerOn(app, brokenDb("integrationSystem", "findUnique"));
  const { result: response, log } = await captureStderr(() =>
    rawPost(
      JSON.stringify({ query: `query($id: ID!) { integrationSystem(id: $id) { id } }`, variables: { id: system.id } }),
      { "x-request-id": "req-4711" },
      server,
    ),
  );
  const error = assertError(response, "INTERNAL_SERVER_ERROR");
  assert.equal(error.extensions.requestId, "req-4711");
  const logged = errorLines(log).filter((entry) => entry.errorId === error.extensions.errorId);
  assert.equal(logged.length, 1, log);
  assert.equal(logged[0].requestId, "req-4711");
});

test("an outage while authenticating is masked the same way, with HTTP 500", async () => {
  const cases: [string, Db, Record<string, string>][] = [
    ["API token", brokenDb("apiToken", "findUnique"), {}],
    [
      "session",
      brokenDb("session", "findUnique"),
      { authorization: "", cookie: `${SESSION_COOKIE}=${(await createSession(app.db, app.admin.user.id, 1)).cookieValue}` },
    ],
  ];
  for (const [what, db, headers] of cases) {
    const server = graphqlServerOn(app, db);
    const { result: response, log } = await captureStderr(() =>
      changesNothing(`a request during an outage (${what})`, () =>
        rawPost(JSON.stringify({ query: CREATE, variables: { in: { name: unique("outage") } } }), headers, server),
      ),
    );
    assert.equal(response.status, 500, `${what}: ${response.text}`);
    const error = assertError(response, "INTERNAL_SERVER_ERROR");
    const errorId = error.extensions.errorId as string;
    assertMasked(response.text, errorId);
    assert.equal(errorLines(log).filter((entry) => entry.errorId === errorId).length, 1, log);
  }
});

test("GraphiQL's schema query, with every introspection option, passes the limits (its type references nest deeper than any API query)", async () => {
  const query = getIntrospectionQuery({
    descriptions: true,
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    schemaDescription: true,
    inputValueDeprecation: true,
    oneOf: true,
  });
  const { status, body } = await app.graphql(query, {}, app.admin);
  assert.equal(status, 200);
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  assert.ok((body.data as { __schema: { types: unknown[] } }).__schema.types.length > 20);
});
