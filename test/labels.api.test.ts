/**
 * Issue 14: labels on applications and runtimes, label definitions (JSON
 * Schema), and Compass's label filters. Every filter form runs on both
 * providers against the same fixture and must give the same answer, which is
 * also written down here, so SQLite and PostgreSQL cannot drift apart.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createTenant } from "@/domain/tenants/tenant.service";
import { createIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { onlyError, provider, setupTestApp } from "./harness";

const app = await setupTestApp();
const tenant = await createTenant(app.db, app.admin.principal, { externalId: "labels-tenant", name: "Labels" });
const other = await createTenant(app.db, app.admin.principal, { externalId: "labels-other", name: "Other" });
const system = await createIntegrationSystem(app.db, app.admin.principal, { name: "labels system" });
const inTenant = { ...app.admin, headers: { tenant: tenant.externalId } };

async function register(kind: "Application" | "Runtime", name: string, labels?: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<string> {
  const data = await app.graphql(
    `mutation($in: ${kind}RegisterInput!) { result: register${kind}(in: $in) { id } }`,
    { in: { name, labels, ...extra } },
    inTenant,
  );
  assert.equal(data.body.errors, undefined, JSON.stringify(data.body.errors));
  return data.body.data!.result.id;
}

// The fixture: the same labels on applications and runtimes.
// Not `scenarios`, whose values have rules of their own (decision 0020): this key takes any shape the filters must handle.
const FIXTURE: [string, Record<string, unknown> | undefined][] = [
  ["alpha", { env: "dev", tags: ["DEFAULT", "foo"], tier: 1 }],
  ["beta", { env: "prod", tags: ["foo", ["bar"]] }],
  ["gamma", { env: ["dev"], tags: "DEFAULT" }],
  ["delta", { env: 'we"ird \\ \u00e9', flag: true }],
  ["epsilon", undefined],
];
const apps = new Map<string, string>();
const runtimes = new Map<string, string>();
for (const [name, labels] of FIXTURE) {
  apps.set(name, await register("Application", `app-${name}`, labels));
  runtimes.set(name, await register("Runtime", `rt-${name}`, labels));
}
// An application managed by a system carries the read-only integrationSystemID label.
const managed = await register("Application", "app-managed", { env: "dev" }, { integrationSystemID: system.id });
apps.set("managed", managed);
// Another tenant's objects with the same labels never show up.
await app.graphql(
  `mutation { registerApplication(in: { name: "app-alpha", labels: { env: "dev" } }) { id } }`,
  {},
  { ...app.admin, headers: { tenant: other.externalId } },
);

const FORMS: [string, { key: string; query?: string }[], string[], string[]][] = [
  // [what, filters, applications (by fixture name), runtimes]
  ["key only", [{ key: "tags" }], ["alpha", "beta", "gamma"], ["alpha", "beta", "gamma"]],
  ["equality", [{ key: "env", query: '$ ? (@ == "dev")' }], ["alpha", "managed"], ["alpha"]],
  ["equality, no spaces", [{ key: "env", query: '$?(@=="prod")' }], ["beta"], ["beta"]],
  ["array holds", [{ key: "tags", query: '$[*] ? (@ == "foo")' }], ["alpha", "beta"], ["alpha", "beta"]],
  ["array holds, not nested, not a scalar", [{ key: "tags", query: '$[*] ? (@ == "bar")' }], [], []],
  ["array form on a scalar value", [{ key: "tags", query: '$[*] ? (@ == "DEFAULT")' }], ["alpha"], ["alpha"]],
  ["equality on an array value", [{ key: "env", query: '$ ? (@ == "dev")' }, { key: "tags" }], ["alpha"], ["alpha"]],
  ["or", [{ key: "env", query: '$ ? (@ == "prod") || $[*] ? (@ == "dev")' }], ["beta", "gamma"], ["beta", "gamma"]],
  ["escapes", [{ key: "env", query: '$ ? (@ == "we\\"ird \\\\ \u00e9")' }], ["delta"], ["delta"]],
  ["and across filters", [{ key: "env", query: '$ ? (@ == "dev")' }, { key: "tier" }], ["alpha"], ["alpha"]],
  ["a bare string literal is equality (Compass's documents send it)", [{ key: "env", query: '"prod"' }], ["beta"], ["beta"]],
  ["a bare string literal with escapes", [{ key: "env", query: ' "we\\"ird \\\\ \u00e9" ' }], ["delta"], ["delta"]],
  ["no match", [{ key: "nothing" }], [], []],
  ["a number is not the string", [{ key: "tier", query: '$ ? (@ == "1")' }], [], []],
  ["read-only label, key only", [{ key: "integrationSystemID" }], ["managed"], []],
  ["read-only label, equality", [{ key: "integrationSystemID", query: `$ ? (@ == "${system.id}")` }], ["managed"], []],
];

const names = (ids: Map<string, string>, found: { id: string }[]) => found.map((row) => [...ids].find(([, id]) => id === row.id)?.[0] ?? "?");

for (const [what, filter, expectedApps, expectedRuntimes] of FORMS) {
  test(`label filter (${what}) gives the same applications and runtimes on every provider`, async () => {
    const data = await app.ok<any>(
      `query($filter: [LabelFilter!]) { applications(filter: $filter) { totalCount data { id } } runtimes(filter: $filter) { totalCount data { id } } }`,
      { filter },
      inTenant as any,
    );
    assert.deepEqual(
      names(apps, data.applications.data),
      expectedApps.map((name) => name),
    );
    assert.equal(data.applications.totalCount, expectedApps.length);
    assert.deepEqual(names(runtimes, data.runtimes.data), expectedRuntimes);
    assert.equal(data.runtimes.totalCount, expectedRuntimes.length);
  });
}

for (const [list, ids] of [
  ["applications", apps],
  ["runtimes", runtimes],
] as const) {
  test(`label filters keep keyset paging on ${list}: pages of one follow each other without gaps or repeats`, async () => {
    const filter = [{ key: "tags" }];
    const seen: string[] = [];
    let after: string | null = null;
    // Bounded: a cursor that is not honoured (the same page again) fails here instead of looping.
    for (let page = 0; page < 10; page++) {
      const data: any = await app.ok<any>(
        `query($filter: [LabelFilter!], $after: PageCursor) { ${list}(filter: $filter, first: 1, after: $after) { data { id } pageInfo { endCursor hasNextPage } } }`,
        { filter, after },
        inTenant as any,
      );
      seen.push(...names(ids, data[list].data));
      if (!data[list].pageInfo.hasNextPage) break;
      after = data[list].pageInfo.endCursor;
    }
    assert.deepEqual(seen, ["alpha", "beta", "gamma"]);
  });
}

test("at most 20 label filters and 50 terms per filter: one more is BAD_USER_INPUT on filter", async () => {
  const term = '$ ? (@ == "dev")';
  const cases: [{ key: string; query?: string }[], boolean][] = [
    [Array.from({ length: 20 }, () => ({ key: "env", query: term })), true],
    [Array.from({ length: 21 }, () => ({ key: "env", query: term })), false],
    [[{ key: "env", query: Array(50).fill(term).join(" || ") }], true],
    [[{ key: "env", query: Array(51).fill(term).join(" || ") }], false],
  ];
  for (const [filter, accepted] of cases) {
    for (const list of ["applications", "runtimes"]) {
      const response = await app.graphql(`query($filter: [LabelFilter!]) { ${list}(filter: $filter) { totalCount } }`, { filter }, inTenant);
      if (accepted) {
        assert.equal(response.body.errors, undefined, `${list}, ${filter.length} filters`);
        assert.equal((response.body.data as any)[list].totalCount, list === "applications" ? 2 : 1);
      } else {
        const error = onlyError(response);
        assert.deepEqual([error.extensions.code, error.extensions.field], ["BAD_USER_INPUT", "filter"], error.message);
      }
    }
  }
});

const REFUSED = [
  "$.env",
  '$ ? (@ != "dev")',
  "$ ? (@ == dev)",
  '$ ? (@ == "dev") && $ ? (@ == "x")',
  '$[*] ? (@ like_regex "d.*")',
  "$ ? (@ == 1)",
  '$ ? (@ == "dev") ||',
  '$ ? (@ == "dev")) OR 1=1 --',
  "exists($)",
  // A bare literal stands alone: it neither joins terms nor leaves its quotes open.
  '"dev" || $ ? (@ == "x")',
  '"dev',
  '"a\\u0000b"',
];

for (const query of REFUSED) {
  test(`a label filter outside the subset is BAD_USER_INPUT on filter: ${query}`, async () => {
    for (const list of ["applications", "runtimes"]) {
      const response = await app.graphql(
        `query($filter: [LabelFilter!]) { ${list}(filter: $filter) { data { id } } }`,
        { filter: [{ key: "env", query }] },
        inTenant,
      );
      const error = onlyError(response);
      assert.equal(error.extensions.code, "BAD_USER_INPUT", error.message);
      assert.equal(error.extensions.field, "filter");
    }
  });
}

test("a filter key outside the key rules is BAD_USER_INPUT on filter", async () => {
  const error = onlyError(await app.graphql(`{ applications(filter: [{ key: "bad-key" }]) { data { id } } }`, {}, inTenant));
  assert.deepEqual([error.extensions.code, error.extensions.field], ["BAD_USER_INPUT", "filter"]);
});

// ---------------------------------------------------------------------------
// labels

test("labels(key) answers all labels, one, or null; a managed application carries integrationSystemID", async () => {
  const data = await app.ok<any>(
    `query($a: ID!, $m: ID!, $r: ID!) { a: application(id: $a) { labels all: labels one: labels(key: "env") none: labels(key: "nope") }
      m: application(id: $m) { labels(key: "integrationSystemID") } r: runtime(id: $r) { labels(key: "tier") } }`,
    { a: apps.get("alpha"), m: managed, r: runtimes.get("alpha") },
    inTenant as any,
  );
  assert.deepEqual(data.a.all, { env: "dev", tags: ["DEFAULT", "foo"], tier: 1 });
  assert.deepEqual(data.a.one, { env: "dev" });
  assert.equal(data.a.none, null);
  assert.deepEqual(data.m.labels, { integrationSystemID: system.id });
  assert.deepEqual(data.r.labels, { tier: 1 });
});

test("set and delete a label; both are audited with the old and new values in the same transaction", async () => {
  const id = await register("Runtime", "rt-audited", { env: "dev" });
  const set = await app.ok<any>(
    `mutation($id: ID!) { setRuntimeLabel(runtimeID: $id, key: "env", value: {a: [1, "x"]}) { key value } }`,
    { id },
    inTenant as any,
  );
  assert.deepEqual(set.setRuntimeLabel, { key: "env", value: { a: [1, "x"] } });
  const removed = await app.ok<any>(`mutation($id: ID!) { deleteRuntimeLabel(runtimeID: $id, key: "env") { key value } }`, { id }, inTenant as any);
  assert.deepEqual(removed.deleteRuntimeLabel, { key: "env", value: { a: [1, "x"] } });
  const events = await app.db.auditEvent.findMany({
    where: { objectId: id, action: { startsWith: "LABEL_" } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  assert.deepEqual(
    events.map((event) => [event.action, JSON.parse(event.details!)]),
    [
      ["LABEL_SET", { key: "env", before: "dev", after: { a: [1, "x"] }, tenantId: tenant.id }],
      ["LABEL_DELETED", { key: "env", before: { a: [1, "x"] }, after: null, tenantId: tenant.id }],
    ],
  );
  // Deleting it again: NOT_FOUND, nothing written.
  const again = onlyError(await app.graphql(`mutation($id: ID!) { deleteRuntimeLabel(runtimeID: $id, key: "env") { key } }`, { id }, inTenant));
  assert.equal(again.extensions.code, "NOT_FOUND");
});

test("integrationSystemID is read-only; bad keys and oversized values are BAD_USER_INPUT naming the input", async () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [`mutation($id: ID!) { setApplicationLabel(applicationID: $id, key: "integrationSystemID", value: "x") { key } }`, { id: managed }, "key"],
    [`mutation($id: ID!) { deleteApplicationLabel(applicationID: $id, key: "integrationSystemID") { key } }`, { id: managed }, "key"],
    [`mutation($id: ID!) { setApplicationLabel(applicationID: $id, key: "has space", value: "x") { key } }`, { id: managed }, "key"],
    [`mutation($id: ID!) { setApplicationLabel(applicationID: $id, key: "${"k".repeat(257)}", value: "x") { key } }`, { id: managed }, "key"],
    [`mutation($id: ID!, $v: Any!) { setApplicationLabel(applicationID: $id, key: "big", value: $v) { key } }`, { id: managed, v: "x".repeat(9000) }, "value"],
    [`mutation { registerApplication(in: { name: "ro", labels: { integrationSystemID: "x" } }) { id } }`, {}, "in.labels.integrationSystemID"],
    [`mutation($in: RuntimeRegisterInput!) { registerRuntime(in: $in) { id } }`, { in: { name: "bad-labels", labels: { "a-b": 1 } } }, "in.labels.a-b"],
  ];
  for (const [query, variables, field] of cases) {
    const before = await app.db.auditEvent.count();
    const error = onlyError(await app.graphql(query, variables, inTenant));
    assert.deepEqual([error.extensions.code, error.extensions.field], ["BAD_USER_INPUT", field], `${query}: ${error.message}`);
    assert.equal(await app.db.auditEvent.count(), before);
  }
  assert.equal(await app.db.runtime.count({ where: { name: "bad-labels" } }), 0, "a refused register writes nothing");
});

test("updating with labels replaces them all; without, they stay", async () => {
  const id = await register("Application", "app-replace", { a: 1, b: 2 });
  const kept = await app.ok<any>(`mutation($id: ID!) { updateApplication(id: $id, in: { name: "app-replace" }) { labels } }`, { id }, inTenant as any);
  assert.deepEqual(kept.updateApplication.labels, { a: 1, b: 2 });
  const replaced = await app.ok<any>(
    `mutation($id: ID!) { updateApplication(id: $id, in: { name: "app-replace", labels: { c: 3 } }) { labels } }`,
    { id },
    inTenant as any,
  );
  assert.deepEqual(replaced.updateApplication.labels, { c: 3 });
});

// ---------------------------------------------------------------------------
// label definitions

const SCHEMA = JSON.stringify({ type: "string", enum: ["dev", "prod"] });

test("a label definition validates values with its JSON Schema; the message says which rule broke", async () => {
  const created = await app.ok<any>(
    `mutation($in: LabelDefinitionInput!) { createLabelDefinition(in: $in) { key schema } }`,
    { in: { key: "stage", schema: SCHEMA } },
    inTenant as any,
  );
  assert.deepEqual(created.createLabelDefinition, { key: "stage", schema: SCHEMA });
  const id = apps.get("epsilon")!;
  const ok = await app.ok<any>(`mutation($id: ID!) { setApplicationLabel(applicationID: $id, key: "stage", value: "dev") { value } }`, { id }, inTenant as any);
  assert.equal(ok.setApplicationLabel.value, "dev");
  const bad = onlyError(
    await app.graphql(`mutation($id: ID!) { setApplicationLabel(applicationID: $id, key: "stage", value: "qa") { value } }`, { id }, inTenant),
  );
  assert.deepEqual([bad.extensions.code, bad.extensions.field], ["BAD_USER_INPUT", "value"]);
  assert.match(bad.message, /must be equal to one of the allowed values: dev, prod/);
  const onRegister = onlyError(await app.graphql(`mutation { registerRuntime(in: { name: "rt-stage", labels: { stage: 7 } }) { id } }`, {}, inTenant));
  assert.deepEqual([onRegister.extensions.code, onRegister.extensions.field], ["BAD_USER_INPUT", "in.labels.stage"]);
  assert.match(onRegister.message, /must be string/);
  // Another tenant has no such definition.
  const elsewhere = await app.graphql(
    `mutation { registerApplication(in: { name: "free", labels: { stage: "qa" } }) { id } }`,
    {},
    { ...app.admin, headers: { tenant: other.externalId } },
  );
  assert.equal(elsewhere.body.errors, undefined);
});

test("a schema change that existing labels would break is a CONFLICT naming how many objects fail; a compatible one passes", async () => {
  await app.ok(
    `mutation($in: LabelDefinitionInput!) { createLabelDefinition(in: $in) { key } }`,
    { in: { key: "size", schema: JSON.stringify({ type: "integer" }) } },
    inTenant as any,
  );
  for (const [n, value] of [
    [1, 5],
    [2, 50],
    [3, 500],
  ] as const) {
    await app.ok(
      `mutation($id: ID!, $v: Any!) { setRuntimeLabel(runtimeID: $id, key: "size", value: $v) { key } }`,
      { id: [...runtimes.values()][n], v: value },
      inTenant as any,
    );
  }
  const before = await app.db.labelDefinition.findFirstOrThrow({ where: { tenantId: tenant.id, key: "size" } });
  const breaking = onlyError(
    await app.graphql(
      `mutation($in: LabelDefinitionInput!) { updateLabelDefinition(in: $in) { key } }`,
      { in: { key: "size", schema: JSON.stringify({ type: "integer", maximum: 10 }) } },
      inTenant,
    ),
  );
  assert.equal(breaking.extensions.code, "CONFLICT");
  assert.equal(breaking.extensions.failingObjectCount, 2);
  assert.match(breaking.message, /2 objects/);
  assert.deepEqual(await app.db.labelDefinition.findFirstOrThrow({ where: { id: before.id } }), before, "unchanged");
  const fine = await app.ok<any>(
    `mutation($in: LabelDefinitionInput!) { updateLabelDefinition(in: $in) { schema } }`,
    { in: { key: "size", schema: JSON.stringify({ type: "integer", maximum: 500 }) } },
    inTenant as any,
  );
  assert.equal(fine.updateLabelDefinition.schema, JSON.stringify({ type: "integer", maximum: 500 }));
  // Creating a definition over labels it would break is refused alike.
  const onCreate = onlyError(
    await app.graphql(
      `mutation($in: LabelDefinitionInput!) { createLabelDefinition(in: $in) { key } }`,
      { in: { key: "env", schema: JSON.stringify({ type: "string" }) } },
      inTenant,
    ),
  );
  assert.equal(onCreate.extensions.code, "CONFLICT");
  assert.equal(onCreate.extensions.failingObjectCount, 2, "gamma's env is an array, on an application and a runtime");
});

test("label definitions: list, read, invalid schemas refused on in.schema, delete with or without related labels", async () => {
  for (const schema of ["{", "[1]", JSON.stringify({ type: "nonsense" }), JSON.stringify({ $ref: "http://elsewhere.example/schema" })]) {
    const error = onlyError(
      await app.graphql(`mutation($in: LabelDefinitionInput!) { createLabelDefinition(in: $in) { key } }`, { in: { key: "broken", schema } }, inTenant),
    );
    assert.deepEqual([error.extensions.code, error.extensions.field], ["BAD_USER_INPUT", "in.schema"], `${schema}: ${error.message}`);
  }
  const ro = onlyError(await app.graphql(`mutation { createLabelDefinition(in: { key: "integrationSystemID" }) { key } }`, {}, inTenant));
  assert.deepEqual([ro.extensions.code, ro.extensions.field], ["BAD_USER_INPUT", "in.key"]);
  const dup = onlyError(await app.graphql(`mutation { createLabelDefinition(in: { key: "size" }) { key } }`, {}, inTenant));
  assert.equal(dup.extensions.code, "CONFLICT");

  const list = await app.ok<any>(
    `{ labelDefinitions { key } labelDefinition(key: "size") { key schema } missing: labelDefinition(key: "nope") { key } }`,
    {},
    inTenant as any,
  );
  assert.deepEqual(
    list.labelDefinitions.map((d: { key: string }) => d.key),
    ["size", "stage"],
  );
  assert.equal(list.missing, null);

  const held = onlyError(await app.graphql(`mutation { deleteLabelDefinition(key: "size") { key } }`, {}, inTenant));
  assert.equal(held.extensions.code, "CONFLICT");
  assert.equal(held.extensions.labelCount, 3);
  await app.ok(`mutation { deleteLabelDefinition(key: "size", deleteRelatedLabels: true) { key } }`, {}, inTenant as any);
  assert.equal(await app.db.label.count({ where: { tenantId: tenant.id, key: "size" } }), 0);
  assert.equal(await app.db.labelDefinition.count({ where: { tenantId: tenant.id, key: "size" } }), 0);
  const actions = (await app.db.auditEvent.findMany({ where: { objectType: "LabelDefinition", objectLabel: "size" } })).map((event) => event.action).sort();
  assert.deepEqual(actions, ["LABEL_DEFINITION_CREATED", "LABEL_DEFINITION_DELETED", "LABEL_DEFINITION_UPDATED"]);
});

test("a label set while its definition changes is checked against the new schema (PostgreSQL: the definition is read FOR SHARE)", {
  skip: provider !== "postgresql" && "SQLite runs one writer at a time",
}, async () => {
  const { setLabel } = await import("@/domain/labels/label.service");
  const pg = (await import("pg")).default;
  await app.ok(`mutation { createLabelDefinition(in: { key: "racing", schema: "{\\"type\\":\\"integer\\"}" }) { key } }`, {}, inTenant as any);
  const definition = await app.db.labelDefinition.findFirstOrThrow({ where: { tenantId: tenant.id, key: "racing" } });
  // Another transaction, like updateLabelDefinition, has changed the schema and not yet committed.
  const other = new pg.Client({ connectionString: app.databaseUrl });
  await other.connect();
  try {
    await other.query("BEGIN");
    await other.query(`UPDATE "LabelDefinition" SET "schema" = $1 WHERE "id" = $2`, [JSON.stringify({ type: "integer", maximum: 10 }), definition.id]);
    let settled = false;
    const setting = setLabel(app.db, app.admin.principal, { tenantId: tenant.id, type: "RUNTIME", id: runtimes.get("epsilon")! }, "racing", 50).finally(
      () => (settled = true),
    );
    setting.catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(settled, false, "the label waits for the definition's change");
    await other.query("COMMIT");
    await assert.rejects(setting, (error: any) => error.code === "BAD_USER_INPUT" && /maximum|<= 10/.test(error.message));
  } finally {
    await other.end();
  }
  assert.equal(await app.db.label.count({ where: { key: "racing" } }), 0);
});

test("a label definition created while a label is being set waits for it and counts it (PostgreSQL: both hold the key's advisory lock)", {
  skip: provider !== "postgresql" && "SQLite runs one writer at a time",
}, async () => {
  const { lockLabelKeys } = await import("@/domain/labels/label.service");
  const { createLabelDefinition } = await import("@/domain/labels/label-definition.service");
  const objectId = runtimes.get("epsilon")!;
  // A label writer's transaction, as setLabel runs it, holds on before committing a value the new schema refuses.
  let commit!: () => void;
  const committing = new Promise<void>((resolve) => (commit = resolve));
  const writer = app.db.$transaction(
    async (tx) => {
      await lockLabelKeys(tx, tenant.id, ["arriving"], "shared");
      await tx.label.create({ data: { id: crypto.randomUUID(), tenantId: tenant.id, objectType: "RUNTIME", objectId, key: "arriving", value: "text" } });
      await committing;
    },
    { timeout: 10_000 },
  );
  await new Promise((resolve) => setTimeout(resolve, 100));
  let settled = false;
  const creating = createLabelDefinition(app.db, app.admin.principal, tenant, { key: "arriving", schema: '{"type":"integer"}' }).finally(
    () => (settled = true),
  );
  creating.catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(settled, false, "the definition waits for the label being written");
  commit();
  await writer;
  await assert.rejects(creating, (error: any) => error.code === "CONFLICT" && error.details?.failingObjectCount === 1);
  assert.equal(await app.db.labelDefinition.count({ where: { tenantId: tenant.id, key: "arriving" } }), 0);
  await app.db.label.deleteMany({ where: { key: "arriving" } });
});

test("a burst of label sets beside the creation of a definition that refuses them never leaves an invalid label and a definition both", async () => {
  const objectId = runtimes.get("epsilon")!;
  for (let round = 0; round < 10; round++) {
    const key = `burst_${round}`;
    const results = await Promise.allSettled([
      app.graphql(
        `mutation($id: ID!, $key: String!) { setRuntimeLabel(runtimeID: $id, key: $key, value: "text") { key } }`,
        { id: objectId, key },
        inTenant as any,
      ),
      app.graphql(
        `mutation($key: String!) { createLabelDefinition(in: { key: $key, schema: "{\\"type\\":\\"integer\\"}" }) { key } }`,
        { key },
        inTenant as any,
      ),
    ]);
    assert.ok(results.every((result) => result.status === "fulfilled"));
    const label = await app.db.label.findFirst({ where: { objectId, key } });
    const definition = await app.db.labelDefinition.findFirst({ where: { tenantId: tenant.id, key } });
    assert.ok(!(label && definition), `round ${round}: the label "text" and a definition refusing it were both written`);
    assert.ok(label || definition, `round ${round}: one of the two was written`);
  }
});

test("under another tenant, an object's labels and credentials are NOT_FOUND, and nothing is written", async () => {
  const inOther = { ...app.admin, headers: { tenant: other.externalId } };
  // That tenant's definition would refuse nothing here: the object must not be found at all.
  const state = async () => [await app.db.label.count(), await app.db.systemAuth.count(), await app.db.auditEvent.count()];
  const calls: [string, string][] = [
    [`mutation($id: ID!) { setApplicationLabel(applicationID: $id, key: "env", value: "moved") { key } }`, apps.get("alpha")!],
    [`mutation($id: ID!) { deleteApplicationLabel(applicationID: $id, key: "env") { key } }`, apps.get("alpha")!],
    [`mutation($id: ID!) { setRuntimeLabel(runtimeID: $id, key: "env", value: "moved") { key } }`, runtimes.get("alpha")!],
    [`mutation($id: ID!) { deleteRuntimeLabel(runtimeID: $id, key: "env") { key } }`, runtimes.get("alpha")!],
    [`mutation($id: ID!) { requestClientCredentialsForApplication(id: $id) { id } }`, apps.get("alpha")!],
    [`mutation($id: ID!) { requestClientCredentialsForRuntime(id: $id) { id } }`, runtimes.get("alpha")!],
  ];
  for (const [query, id] of calls) {
    const before = await state();
    const error = onlyError(await app.graphql(query, { id }, inOther));
    assert.equal(error.extensions.code, "NOT_FOUND", `${query}: ${error.message}`);
    assert.deepEqual(await state(), before, `${query} wrote nothing`);
  }
  const alpha = await app.ok<any>(`query($id: ID!) { application(id: $id) { labels(key: "env") } }`, { id: apps.get("alpha") }, inTenant as any);
  assert.deepEqual(alpha.application.labels, { env: "dev" });
});
