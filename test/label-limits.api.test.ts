/**
 * Issue 20: what a label may be, as data. Tenant-written patterns run in
 * linear time, label definitions are checked in every subschema, label keys
 * never reach an object's prototype, values are bounded by shape and objects
 * by count and bytes, and NUL never reaches a database. Each limit answers
 * the same on both providers (docs/operations.md lists them).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createTenant } from "@/domain/tenants/tenant.service";
import { onlyError, setupTestApp } from "./harness";

const app = await setupTestApp();
const tenant = await createTenant(app.db, app.admin.principal, { externalId: "limits-tenant", name: "Limits" });
const inTenant = { ...app.admin, headers: { tenant: tenant.externalId } };
const base = await app.listen();

async function register(kind: "Application" | "Runtime", name: string, labels?: Record<string, unknown>): Promise<string> {
  const data = await app.ok<any>(`mutation($in: ${kind}RegisterInput!) { result: register${kind}(in: $in) { id } }`, { in: { name, labels } }, inTenant as any);
  return data.result.id;
}

/** POSTs a GraphQL document over real HTTP as the tenant's admin. */
function post(query: string, variables: Record<string, unknown>): Promise<Response> {
  return fetch(`${base}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${app.admin.token}`, tenant: tenant.externalId },
    body: JSON.stringify({ query, variables }),
  });
}

/**
 * Runs `write` while JWKS is asked for every 25 ms: answers how long the write
 * took and the slowest JWKS answer. A pattern that backtracks blocks the event
 * loop, so both grow together.
 */
async function timedBeside(write: () => Promise<Response>): Promise<{ writeMs: number; slowestJwksMs: number; body: any }> {
  const started = performance.now();
  let done = false;
  const writing = write().then(async (response) => {
    done = true;
    return { ms: performance.now() - started, body: await response.json() };
  });
  const jwks: Promise<number>[] = [];
  while (!done && performance.now() - started < 10_000) {
    const sent = performance.now();
    jwks.push(fetch(`${base}/.well-known/jwks.json`).then(async (response) => (await response.arrayBuffer(), performance.now() - sent)));
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const { ms, body } = await writing;
  return { writeMs: ms, slowestJwksMs: Math.max(0, ...(await Promise.all(jwks))), body };
}

// The attack strings: each extra character doubles a backtracking engine's time.
const ATTACKS: [string, Record<string, unknown>, unknown][] = [
  ["pattern", { type: "string", maxLength: 63, pattern: "^([a-z0-9]+-?)+$" }, `${"a".repeat(26)}_`],
  ["pattern, nested plus", { type: "string", maxLength: 63, pattern: "^(a+)+$" }, `${"a".repeat(26)}!`],
  [
    "patternProperties",
    { type: "object", propertyNames: { maxLength: 63 }, patternProperties: { "^(a+)+$": { type: "integer" } } },
    { [`${"a".repeat(26)}!`]: 1 },
  ],
  ["propertyNames", { type: "object", propertyNames: { maxLength: 63, pattern: "^(a+)+$" } }, { [`${"a".repeat(26)}!`]: 1 }],
];
// A backtracking engine takes 10 s and more on these strings here; the linear one a few ms. The margin absorbs a loaded machine.
const WITHIN_MS = 2000;
// Warm the paths timed below (the first JWKS answer, the first compiled pattern), so their one-time costs are not counted.
await fetch(`${base}/.well-known/jwks.json`).then((response) => response.arrayBuffer());
await post(
  `mutation { createLabelDefinition(in: { key: "warm", schema: "{\\"type\\":\\"string\\",\\"maxLength\\":9,\\"pattern\\":\\"^w$\\"}" }) { key } }`,
  {},
).then((response) => response.json());

for (const [where, schema, value] of ATTACKS) {
  test(`a ${where} that backtracks is matched in bounded time, on a write and on a definition over stored values; JWKS is not held up`, async () => {
    const key = `redos_${where.replace(/\W/g, "_")}`;
    const stored = await register("Runtime", `rt-${key}`, { [key]: value });
    // A definition created over a stored value runs the pattern on it.
    const creating = await timedBeside(() =>
      post(`mutation($in: LabelDefinitionInput!) { createLabelDefinition(in: $in) { key } }`, { in: { key, schema: JSON.stringify(schema) } }),
    );
    assert.equal(creating.body.errors?.[0]?.extensions?.code, where === "patternProperties" ? undefined : "CONFLICT", JSON.stringify(creating.body));
    assert.ok(creating.writeMs < WITHIN_MS, `creating the definition took ${creating.writeMs.toFixed(0)} ms`);
    assert.ok(creating.slowestJwksMs < WITHIN_MS, `JWKS waited ${creating.slowestJwksMs.toFixed(0)} ms`);
    await app.db.label.deleteMany({ where: { objectId: stored } });
    if (creating.body.errors)
      await app.ok(
        `mutation($in: LabelDefinitionInput!) { createLabelDefinition(in: $in) { key } }`,
        { in: { key, schema: JSON.stringify(schema) } },
        inTenant as any,
      );
    // A write checks the value against the definition.
    const writing = await timedBeside(() =>
      post(`mutation($id: ID!, $key: String!, $v: Any!) { setRuntimeLabel(runtimeID: $id, key: $key, value: $v) { key } }`, { id: stored, key, v: value }),
    );
    assert.ok(writing.writeMs < WITHIN_MS, `the write took ${writing.writeMs.toFixed(0)} ms`);
    assert.ok(writing.slowestJwksMs < WITHIN_MS, `JWKS waited ${writing.slowestJwksMs.toFixed(0)} ms`);
    if (where === "patternProperties") assert.equal(writing.body.errors, undefined, "a name the pattern does not match is not checked by it");
    else assert.equal(onlyError({ status: 200, headers: new Headers(), body: writing.body }).extensions.code, "BAD_USER_INPUT");
  });
}

test("patterns keep their meaning on the linear engine; one it cannot run (lookaround, backreference) is BAD_USER_INPUT on in.schema", async () => {
  await app.ok(
    `mutation($in: LabelDefinitionInput!) { createLabelDefinition(in: $in) { key } }`,
    { in: { key: "slug", schema: JSON.stringify({ type: "string", maxLength: 63, pattern: "^[a-z0-9]+(-[a-z0-9]+)*$" }) } },
    inTenant as any,
  );
  const id = await register("Application", "app-slug");
  await app.ok(`mutation($id: ID!) { setApplicationLabel(applicationID: $id, key: "slug", value: "my-app-1") { key } }`, { id }, inTenant as any);
  const bad = onlyError(
    await app.graphql(`mutation($id: ID!) { setApplicationLabel(applicationID: $id, key: "slug", value: "My--app") { key } }`, { id }, inTenant),
  );
  assert.deepEqual([bad.extensions.code, bad.extensions.field], ["BAD_USER_INPUT", "value"]);
  for (const pattern of ["^(?=a)a$", "^(a)\\1$"]) {
    const error = onlyError(
      await app.graphql(
        `mutation($in: LabelDefinitionInput!) { createLabelDefinition(in: $in) { key } }`,
        { in: { key: "unsupported", schema: JSON.stringify({ type: "string", maxLength: 10, pattern }) } },
        inTenant,
      ),
    );
    assert.deepEqual([error.extensions.code, error.extensions.field], ["BAD_USER_INPUT", "in.schema"], error.message);
  }
});

// ---------------------------------------------------------------------------
// Finding 2: the schema check holds in every subschema.

function defineLabel(key: string, schema: unknown) {
  return app.graphql(
    `mutation($in: LabelDefinitionInput!) { createLabelDefinition(in: $in) { key } }`,
    { in: { key, schema: JSON.stringify(schema) } },
    inTenant,
  );
}

test("the schema check holds in every subschema: $defs, references into data, unknown keywords and $id are refused on in.schema", async () => {
  const refused: unknown[] = [
    { $defs: { p: { pattern: "^(a+)+$" } }, $ref: "#/$defs/p" },
    { definitions: { p: { format: "email" } }, $ref: "#/definitions/p" },
    { type: "object", properties: { a: { $defs: { deep: { pattern: "^a" } } } } },
    { anyOf: [{ type: "object", patternProperties: { "^a": true } }] },
    { default: { pattern: "^(a+)+$" }, $ref: "#/default" },
    { properties: { x: { const: { pattern: "^b" } } }, $ref: "#/properties/x/const" },
    { $ref: "#/$defs/missing" },
    { $ref: "#%E0%A4%A" },
    { "x-hidden": { pattern: "^(a+)+$" }, $ref: "#/x-hidden" },
    { $defs: { p: { $id: "elsewhere", type: "string" } } },
  ];
  for (const [index, schema] of refused.entries()) {
    const error = onlyError(await defineLabel(`refused_${index}`, schema));
    assert.deepEqual([error.extensions.code, error.extensions.field], ["BAD_USER_INPUT", "in.schema"], `${JSON.stringify(schema)}: ${error.message}`);
  }
  assert.equal(await app.db.labelDefinition.count({ where: { key: { startsWith: "refused_" } } }), 0);
});

test("subschemas that keep the rules are accepted and applied: $defs through $ref, a property named like a keyword", async () => {
  const schema = {
    $defs: { slug: { type: "string", maxLength: 20, pattern: "^[a-z]+$" } },
    type: "object",
    properties: { pattern: { $ref: "#/$defs/slug" }, format: { type: "integer" } },
  };
  assert.equal((await defineLabel("shaped", schema)).body.errors, undefined);
  const id = await register("Runtime", "rt-shaped");
  const set = (value: unknown) =>
    app.graphql(`mutation($id: ID!, $v: Any!) { setRuntimeLabel(runtimeID: $id, key: "shaped", value: $v) { key } }`, { id, v: value }, inTenant);
  assert.equal((await set({ pattern: "abc", format: 1 })).body.errors, undefined);
  const bad = onlyError(await set({ pattern: "ABC" }));
  assert.deepEqual([bad.extensions.code, bad.extensions.field], ["BAD_USER_INPUT", "value"]);
});

// ---------------------------------------------------------------------------
// Finding 3: label keys never reach a prototype.

test("labels named __proto__ and constructor are ordinary labels: they hide nothing and fake nothing", async () => {
  const id = await register("Application", "app-proto", { env: "dev" });
  const set = (key: string, value: unknown) =>
    app.ok(
      `mutation($id: ID!, $key: String!, $v: Any!) { setApplicationLabel(applicationID: $id, key: $key, value: $v) { key } }`,
      { id, key, v: value },
      inTenant as any,
    );
  await set("__proto__", { integrationSystemID: "someone-else", env: "prod" });
  const data = await app.ok<any>(
    `query($id: ID!) { application(id: $id) { labels system: labels(key: "integrationSystemID") env: labels(key: "env")
      ctor: labels(key: "constructor") proto: labels(key: "__proto__") toString: labels(key: "toString") integrationSystemID } }`,
    { id },
    inTenant as any,
  );
  const application = data.application;
  // Computed keys: a literal `__proto__:` would set the expectation's prototype.
  assert.deepEqual(application.labels, { ["__proto__"]: { integrationSystemID: "someone-else", env: "prod" }, env: "dev" });
  assert.deepEqual(Object.keys(application.labels).sort(), ["__proto__", "env"]);
  assert.equal(application.system, null, "integrationSystemID is the server's, and this application has none");
  assert.equal(application.integrationSystemID, null);
  assert.deepEqual(application.env, { env: "dev" });
  assert.equal(application.ctor, null);
  assert.equal(application.toString, null);
  assert.deepEqual(application.proto, { ["__proto__"]: { integrationSystemID: "someone-else", env: "prod" } });
  await set("constructor", 1);
  const again = await app.ok<any>(`query($id: ID!) { application(id: $id) { ctor: labels(key: "constructor") } }`, { id }, inTenant as any);
  assert.deepEqual(again.application.ctor, { constructor: 1 });
  // A filter on the system label finds no application through the fake.
  const filtered = await app.ok<any>(
    `{ applications(filter: [{ key: "integrationSystemID", query: "$ ? (@ == \\"someone-else\\")" }]) { totalCount } }`,
    {},
    inTenant as any,
  );
  assert.equal(filtered.applications.totalCount, 0);
});

test("a variable named like an Object member, declared but not sent, is absent in a label literal", async () => {
  const id = await register("Runtime", "rt-ctor-variable");
  const data = await app.ok<any>(
    `mutation($id: ID!, $constructor: Any, $toString: Any) { setRuntimeLabel(runtimeID: $id, key: "v", value: { a: $constructor, b: [$toString] }) { value } }`,
    { id },
    inTenant as any,
  );
  assert.deepEqual(data.setRuntimeLabel.value, { a: null, b: [null] });
  assert.deepEqual(await app.db.label.findFirst({ where: { objectId: id, key: "v" }, select: { value: true } }), { value: { a: null, b: [null] } });
});

test("a String variable placed under a field named like an Object member keeps the text maximum", async () => {
  const id = await register("Runtime", "rt-ctor-text");
  for (const field of ["other", "constructor", "toString"]) {
    const error = onlyError(
      await app.graphql(
        `mutation($id: ID!, $s: String) { setRuntimeLabel(runtimeID: $id, key: "t", value: { ${field}: $s }) { key } }`,
        { id, s: "x".repeat(2001) },
        inTenant,
      ),
    );
    assert.deepEqual([error.extensions.code, error.message], ["BAD_USER_INPUT", "Text must be at most 2000 characters"], field);
  }
});

// ---------------------------------------------------------------------------
// Finding 4: values are bounded by shape, the same on both databases.

/** `depth` arrays and objects, one inside the other, around a string. */
function nested(depth: number, kind: "array" | "object" = "array"): unknown {
  let value: unknown = "DEFAULT";
  for (let i = 0; i < depth; i++) value = kind === "array" ? [value] : { s: value };
  return value;
}

test("a value nests at most 16 levels and its keys are at most 256 characters; deeper or longer is BAD_USER_INPUT naming the input", async () => {
  const id = await register("Runtime", "rt-shape");
  const set = (value: unknown) =>
    app.graphql(`mutation($id: ID!, $v: Any!) { setRuntimeLabel(runtimeID: $id, key: "shape", value: $v) { key } }`, { id, v: value }, inTenant);
  for (const value of [nested(16), nested(16, "object"), { ["k".repeat(256)]: 1 }]) assert.equal((await set(value)).body.errors, undefined);
  for (const value of [nested(17), nested(17, "object"), nested(4000), nested(4000, "object"), { a: [{ ["k".repeat(257)]: 1 }] }]) {
    const error = onlyError(await set(value));
    assert.deepEqual([error.extensions.code, error.extensions.field], ["BAD_USER_INPUT", "value"], error.message);
  }
  // On register, in the labels of the input; nothing is written.
  const error = onlyError(
    await app.graphql(
      `mutation($in: RuntimeRegisterInput!) { registerRuntime(in: $in) { id } }`,
      { in: { name: "rt-deep", labels: { shape: nested(1001) } } },
      inTenant,
    ),
  );
  assert.deepEqual([error.extensions.code, error.extensions.field], ["BAD_USER_INPUT", "in.labels.shape"], error.message);
  assert.equal(await app.db.runtime.count({ where: { name: "rt-deep" } }), 0);
  // Filtered lists keep answering.
  const listed = await app.ok<any>(`{ runtimes(filter: [{ key: "shape", query: "$[*] ? (@ == \\"DEFAULT\\")" }]) { totalCount } }`, {}, inTenant as any);
  assert.equal(listed.runtimes.totalCount, 0);
});

// ---------------------------------------------------------------------------
// Finding 5: labels per object are bounded in number and bytes, under a burst too.

const setLabelOn = (id: string, key: string, value: unknown) =>
  app.graphql(
    `mutation($id: ID!, $key: String!, $v: Any!) { setApplicationLabel(applicationID: $id, key: $key, value: $v) { key } }`,
    { id, key, v: value },
    inTenant,
  );

test("an object holds at most 64 labels: the 65th is BAD_USER_INPUT on key, on register and update on in.labels; changing one stays possible", async () => {
  const many = Object.fromEntries(Array.from({ length: 64 }, (_, i) => [`k${i}`, i]));
  const id = await register("Application", "app-many", many);
  const refused = onlyError(await setLabelOn(id, "one_more", 1));
  assert.deepEqual([refused.extensions.code, refused.extensions.field], ["BAD_USER_INPUT", "key"], refused.message);
  assert.equal((await setLabelOn(id, "k0", "changed")).body.errors, undefined);
  const tooMany = { ...many, k64: 64 };
  for (const [query, variables] of [
    [`mutation($in: ApplicationRegisterInput!) { registerApplication(in: $in) { id } }`, { in: { name: "app-too-many", labels: tooMany } }],
    [`mutation($id: ID!, $in: ApplicationUpdateInput!) { updateApplication(id: $id, in: $in) { id } }`, { id, in: { name: "app-many", labels: tooMany } }],
  ] as const) {
    const error = onlyError(await app.graphql(query, variables, inTenant));
    assert.deepEqual([error.extensions.code, error.extensions.field], ["BAD_USER_INPUT", "in.labels"], error.message);
  }
  assert.equal(await app.db.label.count({ where: { objectId: id } }), 64);
  assert.equal(await app.db.application.count({ where: { name: "app-too-many" } }), 0);
});

test("an object's labels are at most 65,536 bytes of keys and JSON values in all: one byte more is BAD_USER_INPUT on value", async () => {
  const id = await register("Application", "app-bytes");
  // "b0".."b7": 2 bytes of key and 8,190 of JSON (a quoted string of 8,188) each: 65,536 bytes in all.
  for (let i = 0; i < 8; i++) assert.equal((await setLabelOn(id, `b${i}`, "x".repeat(8188))).body.errors, undefined);
  const refused = onlyError(await setLabelOn(id, "z", 1));
  assert.deepEqual([refused.extensions.code, refused.extensions.field], ["BAD_USER_INPUT", "value"], refused.message);
  assert.equal(await app.db.label.count({ where: { objectId: id } }), 8);
});

test("a burst of label sets on one object in parallel cannot pass the label limit", async () => {
  const id = await register("Application", "app-burst", Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, i])));
  const results = await Promise.all(Array.from({ length: 16 }, (_, i) => setLabelOn(id, `burst_${i}`, i)));
  const codes = results.map((result) => result.body.errors?.[0]?.extensions?.code ?? "OK");
  assert.deepEqual(
    codes.filter((code) => code !== "OK"),
    Array(12).fill("BAD_USER_INPUT"),
    JSON.stringify(results.map((result) => result.body.errors?.[0]?.message).filter(Boolean)),
  );
  assert.equal(await app.db.label.count({ where: { objectId: id } }), 64);
});

// ---------------------------------------------------------------------------
// Finding 10: NUL never reaches a database; both refuse it alike, before any query.

test("NUL in any text or JSON input is BAD_USER_INPUT naming it, on both databases: label keys inside values, filters, names, descriptions", async () => {
  const id = await register("Runtime", "rt-nul");
  const cases: [string, Record<string, unknown>, string][] = [
    [`mutation($id: ID!, $v: Any!) { setRuntimeLabel(runtimeID: $id, key: "k", value: $v) { key } }`, { id, v: { "a\u0000b": 1 } }, "v"],
    [`mutation($id: ID!, $v: Any!) { setRuntimeLabel(runtimeID: $id, key: "k", value: $v) { key } }`, { id, v: [{ ok: { "\u0000": 1 } }] }, "v[0].ok"],
    [`mutation($id: ID!) { setRuntimeLabel(runtimeID: $id, key: "k", value: { a: "x\\u0000" }) { key } }`, { id }, "value.a"],
    [`mutation($id: ID!, $k: String!) { setRuntimeLabel(runtimeID: $id, key: $k, value: 1) { key } }`, { id, k: "k\u0000" }, "k"],
    [
      `mutation($in: RuntimeRegisterInput!) { registerRuntime(in: $in) { id } }`,
      { in: { name: "rt-nul-2", labels: { env: { "x\u0000": 1 } } } },
      "in.labels.env",
    ],
    [`query($f: [LabelFilter!]) { runtimes(filter: $f) { totalCount } }`, { f: [{ key: "env", query: '$ ? (@ == "\\u0000")' }] }, "filter"],
    [`query { applications(filter: [{ key: "env", query: "$[*] ? (@ == \\"a\\\\u0000\\")" }]) { totalCount } }`, {}, "filter"],
    [`query($f: [LabelFilter!]) { runtimes(filter: $f) { totalCount } }`, { f: [{ key: "env", query: '$ ? (@ == "\u0000")' }] }, "f[0].query"],
    [`mutation($in: RuntimeRegisterInput!) { registerRuntime(in: $in) { id } }`, { in: { name: "rt\u0000nul" } }, "in.name"],
    [`mutation($in: RuntimeRegisterInput!) { registerRuntime(in: $in) { id } }`, { in: { name: "rt-nul-3", description: "d\u0000" } }, "in.description"],
    [`mutation($in: LabelDefinitionInput!) { createLabelDefinition(in: $in) { key } }`, { in: { key: "nul", schema: '{"const":"\u0000"}' } }, "in.schema"],
  ];
  for (const [query, variables, field] of cases) {
    const error = onlyError(await app.graphql(query, variables, inTenant));
    assert.deepEqual([error.extensions.code, error.extensions.field], ["BAD_USER_INPUT", field], `${query}: ${error.message}`);
  }
  assert.equal(await app.db.label.count({ where: { objectId: id, key: { not: "isNormalized" } } }), 0);
  assert.equal(await app.db.runtime.count({ where: { name: { startsWith: "rt-nul-" } } }), 0);
});

test("NUL reaching the label service itself (not through GraphQL) is refused there too", async () => {
  const { setLabel } = await import("@/domain/labels/label.service");
  const id = await register("Runtime", "rt-nul-domain");
  await assert.rejects(setLabel(app.db, app.admin.principal, { tenantId: tenant.id, type: "RUNTIME", id }, "k", { "a\u0000b": 1 }), (error: any) => {
    assert.deepEqual([error.code, error.field], ["BAD_USER_INPUT", "value"]);
    return true;
  });
  assert.equal(await app.db.label.count({ where: { objectId: id, key: { not: "isNormalized" } } }), 0);
});

test("an OAuth2 client_id holding NUL is an unknown client (401 invalid_client), not a database error", async () => {
  for (const path of ["/oauth2/token", "/oauth2/introspect", "/oauth2/revoke"]) {
    const inBody = await fetch(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=ab%00c&client_secret=x&token=t",
    });
    assert.deepEqual([inBody.status, (await inBody.json()).error], [401, "invalid_client"], path);
    const basic = await fetch(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from("a\u0000b:c").toString("base64")}` },
      body: "grant_type=client_credentials&token=t",
    });
    assert.deepEqual([basic.status, (await basic.json()).error], [401, "invalid_client"], `${path} (Basic)`);
  }
});

// ---------------------------------------------------------------------------
// Both databases refuse the same label input with the same code and field.

test("invalid label input: every provider refuses the same inputs with the same codes and fields", async () => {
  const id = await register("Runtime", "rt-invalid");
  const set = `mutation($id: ID!, $k: String!, $v: Any!) { setRuntimeLabel(runtimeID: $id, key: $k, value: $v) { key } }`;
  const registerWith = `mutation($in: RuntimeRegisterInput!) { registerRuntime(in: $in) { id } }`;
  const filtered = `query($f: [LabelFilter!]) { runtimes(filter: $f) { totalCount } }`;
  const define = `mutation($in: LabelDefinitionInput!) { createLabelDefinition(in: $in) { key } }`;
  const cases: [string, string, Record<string, unknown>][] = [
    ["null value", set, { id, k: "a", v: null }],
    ["key with a dash", set, { id, k: "a-b", v: 1 }],
    ["key of 257", set, { id, k: "k".repeat(257), v: 1 }],
    ["read-only key", set, { id, k: "integrationSystemID", v: "x" }],
    ["value over 8 KiB", set, { id, k: "a", v: "x".repeat(8200) }],
    ["value 17 deep", set, { id, k: "a", v: nested(17) }],
    ["value 1,001 deep", set, { id, k: "a", v: nested(1001, "object") }],
    ["key inside a value of 257", set, { id, k: "a", v: { ["k".repeat(257)]: 1 } }],
    ["NUL in a value's key", set, { id, k: "a", v: { "\u0000": 1 } }],
    ["NUL in a value", set, { id, k: "a", v: ["\u0000"] }],
    ["unpaired surrogate in a value", set, { id, k: "a", v: "\ud800" }],
    ["labels not an object", registerWith, { in: { name: "rt-bad", labels: [1] } }],
    ["65 labels", registerWith, { in: { name: "rt-bad", labels: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 1])) } }],
    [
      "labels over 65,536 bytes",
      registerWith,
      { in: { name: "rt-bad", labels: Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, "x".repeat(8000)])) } },
    ],
    ["filter key with a dash", filtered, { f: [{ key: "a-b" }] }],
    ["filter outside the subset", filtered, { f: [{ key: "a", query: "$.a" }] }],
    ["filter with NUL escaped", filtered, { f: [{ key: "a", query: '$ ? (@ == "\\u0000")' }] }],
    ["21 filters", filtered, { f: Array.from({ length: 21 }, () => ({ key: "a" })) }],
    ["51 terms", filtered, { f: [{ key: "a", query: Array(51).fill('$ ? (@ == "x")').join(" || ") }] }],
    ["schema not JSON", define, { in: { key: "bad", schema: "{" } }],
    ["schema with an unknown keyword", define, { in: { key: "bad", schema: '{"x-ui":1}' } }],
    ["schema with lookaround", define, { in: { key: "bad", schema: '{"type":"string","maxLength":9,"pattern":"(?=a)"}' } }],
    ["schema pattern without maxLength under $defs", define, { in: { key: "bad", schema: '{"$defs":{"p":{"pattern":"a"}},"$ref":"#/$defs/p"}' } }],
  ];
  const answers: Record<string, string> = {};
  for (const [what, query, variables] of cases) {
    const error = onlyError(await app.graphql(query, variables, inTenant));
    answers[what] = `${error.extensions.code} ${error.extensions.field}`;
  }
  assert.deepEqual(answers, {
    "null value": "BAD_USER_INPUT v",
    "key with a dash": "BAD_USER_INPUT key",
    "key of 257": "BAD_USER_INPUT key",
    "read-only key": "BAD_USER_INPUT key",
    "value over 8 KiB": "BAD_USER_INPUT value",
    "value 17 deep": "BAD_USER_INPUT value",
    "value 1,001 deep": "BAD_USER_INPUT value",
    "key inside a value of 257": "BAD_USER_INPUT value",
    "NUL in a value's key": "BAD_USER_INPUT v",
    "NUL in a value": "BAD_USER_INPUT v[0]",
    "unpaired surrogate in a value": "BAD_USER_INPUT v",
    "labels not an object": "BAD_USER_INPUT in.labels",
    "65 labels": "BAD_USER_INPUT in.labels",
    "labels over 65,536 bytes": "BAD_USER_INPUT in.labels",
    "filter key with a dash": "BAD_USER_INPUT filter",
    "filter outside the subset": "BAD_USER_INPUT filter",
    "filter with NUL escaped": "BAD_USER_INPUT filter",
    "21 filters": "BAD_USER_INPUT filter",
    "51 terms": "BAD_USER_INPUT filter",
    "schema not JSON": "BAD_USER_INPUT in.schema",
    "schema with an unknown keyword": "BAD_USER_INPUT in.schema",
    "schema with lookaround": "BAD_USER_INPUT in.schema",
    "schema pattern without maxLength under $defs": "BAD_USER_INPUT in.schema",
  });
  assert.equal(await app.db.label.count({ where: { objectId: id, key: { not: "isNormalized" } } }), 0);
  assert.equal(await app.db.runtime.count({ where: { name: "rt-bad" } }), 0);
});
