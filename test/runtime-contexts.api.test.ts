/**
 * Issue 22, item 2: runtime contexts, a kind living under a runtime on the
 * tenant-object core, over real HTTP (access tokens name their origin).
 * Authorized as their runtime (users with runtime:write, the integration
 * system managing the runtime, the runtime calling as itself), tenants apart,
 * bounded, audited, labelled, and removed with their runtime or tenant. Also
 * the runtime fields of item 1 that have rules: `isNormalized` and
 * `eventingConfiguration`. Runs on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createTenant, deleteTenant } from "@/domain/tenants/tenant.service";
import { RUNTIME_CONTEXT } from "@/domain/tenant-objects/kinds/runtime-context";
import { registerObject } from "@/domain/tenant-objects/tenant-object.service";
import { GRANTABLE_INTEGRATION_SYSTEM_SCOPES } from "@/lib/config";
import { rawReader } from "@/domain/instance";
import { auditEventsOf, recordSecret, setupTestApp } from "./harness";

// Integration systems may be granted runtime:write here, as an operator may allow.
process.env.INTEGRATION_SYSTEM_SCOPES = GRANTABLE_INTEGRATION_SYSTEM_SCOPES.join(" ");
const app = await setupTestApp();
const base = await app.listen();
const tenant = await createTenant(app.db, app.admin.principal, { externalId: "contexts-tenant", name: "Contexts" });
const other = await createTenant(app.db, app.admin.principal, { externalId: "contexts-other", name: "Other" });

interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; path?: string[]; extensions: Record<string, any> }[] };
}

async function call(query: string, variables: Record<string, unknown>, token = app.admin.token, tenantHeader = tenant.externalId): Promise<Answer> {
  const response = await fetch(`${base}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, tenant: tenantHeader },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

async function ok(query: string, variables: Record<string, unknown> = {}, token?: string, tenantHeader?: string) {
  const answer = await call(query, variables, token, tenantHeader);
  assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
  return answer.body.data;
}

async function refused(answer: Promise<Answer>, code: string, field?: string) {
  const { body } = await answer;
  assert.equal(body.errors?.length, 1, JSON.stringify(body));
  assert.equal(body.errors![0].extensions.code, code, body.errors![0].message);
  if (field) assert.equal(body.errors![0].extensions.field, field);
  return body.errors![0];
}

async function tokenFor(clientId: string, clientSecret: string, scope?: string): Promise<string> {
  recordSecret(clientSecret);
  const response = await fetch(`${base}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret, ...(scope ? { scope } : {}) }),
  });
  const body = (await response.json()) as { access_token: string };
  assert.equal(response.status, 200, JSON.stringify(body));
  recordSecret(body.access_token);
  return body.access_token;
}

const REGISTER_RUNTIME = `mutation($in: RuntimeRegisterInput!) { r: registerRuntime(in: $in) { id labels } }`;
const REGISTER = `mutation($rt: ID!, $in: RuntimeContextInput!) { c: registerRuntimeContext(runtimeID: $rt, in: $in) { id key value labels } }`;
const UPDATE = `mutation($id: ID!, $in: RuntimeContextInput!) { c: updateRuntimeContext(id: $id, in: $in) { id key value labels } }`;
const UNREGISTER = `mutation($id: ID!) { c: unregisterRuntimeContext(id: $id) { id key value } }`;
const CONTEXTS = `query($rt: ID!, $first: Int, $after: PageCursor) { runtime(id: $rt) {
  runtimeContexts(first: $first, after: $after) { data { id key value labels } totalCount pageInfo { endCursor hasNextPage } } } }`;
const CONTEXT = `query($rt: ID!, $id: ID!) { runtime(id: $rt) { runtimeContext(id: $id) { id key value } } }`;

/** What `fn` answers, and how many statements it ran, prepared reads and Prisma's raw queries alike. */
async function statementsOf(fn: () => Promise<any>) {
  const reader = rawReader(app.db);
  const rows = reader?.rows;
  const queryRaw = app.db.$queryRaw;
  let statements = 0;
  if (reader && rows) {
    reader.rows = <Row>(...args: Parameters<typeof rows>) => {
      statements++;
      return rows.apply(reader, args) as Promise<Row[]>;
    };
  }
  (app.db as unknown as { $queryRaw: unknown }).$queryRaw = (...args: unknown[]) => {
    statements++;
    return (queryRaw as (...given: unknown[]) => unknown).apply(app.db, args);
  };
  try {
    return { answer: await fn(), statements };
  } finally {
    if (reader && rows) reader.rows = rows;
    (app.db as unknown as { $queryRaw: unknown }).$queryRaw = queryRaw;
  }
}

let names = 0;
async function newRuntime(token?: string, tenantHeader?: string, labels?: Record<string, unknown>): Promise<{ id: string; labels: Record<string, unknown> }> {
  return (await ok(REGISTER_RUNTIME, { in: { name: `runtime-${++names}`, labels } }, token, tenantHeader)).r;
}
const register = async (runtimeID: string, input: Record<string, unknown>, token?: string, tenantHeader?: string) =>
  (await ok(REGISTER, { rt: runtimeID, in: input }, token, tenantHeader)).c as { id: string; key: string; value: string; labels: Record<string, unknown> };

/** An integration system's access token with runtime:write, and the system. */
async function newSystem() {
  const system = (await ok(`mutation($in: IntegrationSystemInput!) { s: createIntegrationSystem(in: $in) { id } }`, { in: { name: `Provisioner ${++names}` } }))
    .s;
  const generated = await ok(
    `mutation($id: ID!) { g: generateClientCredentialsForIntegrationSystem(id: $id, scopes: ["runtime:read", "runtime:write"]) {
      auth { credential { ... on OAuthCredentialData { clientId clientSecret } } } } }`,
    { id: system.id },
  );
  const { clientId, clientSecret } = generated.g.auth.credential;
  return { id: system.id as string, token: await tokenFor(clientId, clientSecret) };
}

/** A runtime's own access token, from credentials an admin requested for it (all its kind's scopes unless narrowed). */
async function runtimeToken(runtimeID: string, scopes?: string[]) {
  const data = await ok(
    `mutation($id: ID!, $scopes: [String!]) { c: requestClientCredentialsForRuntime(id: $id, scopes: $scopes) { auth { credential { ... on OAuthCredentialData { clientId clientSecret } } } } }`,
    { id: runtimeID, scopes },
  );
  return tokenFor(data.c.auth.credential.clientId, data.c.auth.credential.clientSecret);
}

describe("runtime contexts", () => {
  test("register, read, update (key, value, labels) and unregister, each audited in its transaction", async () => {
    const runtime = await newRuntime();
    const registered = await auditEventsOf(app.db, () => register(runtime.id, { key: "subscription", value: "consumer-1", labels: { region: "eu" } }));
    assert.deepEqual({ ...registered.result, id: undefined }, { id: undefined, key: "subscription", value: "consumer-1", labels: { region: "eu" } });
    assert.deepEqual(
      registered.events.map((event) => [event.action, event.objectType, event.objectId]),
      [["RUNTIME_CONTEXT_REGISTERED", "RuntimeContext", registered.result.id]],
    );
    const details = JSON.parse(registered.events[0].details as string);
    assert.equal(details.key, "subscription");
    assert.equal(details.runtimeId, runtime.id);
    assert.equal(details.tenantExternalId, tenant.externalId);
    assert.deepEqual(details.labels, { region: "eu" });

    const read = await ok(CONTEXT, { rt: runtime.id, id: registered.result.id });
    assert.deepEqual(read.runtime.runtimeContext, { id: registered.result.id, key: "subscription", value: "consumer-1" });

    // Without labels, they stay; with labels, they are replaced.
    const kept = (await ok(UPDATE, { id: registered.result.id, in: { key: "subscription", value: "consumer-2" } })).c;
    assert.deepEqual(kept.labels, { region: "eu" });
    const updated = await auditEventsOf(
      app.db,
      async () => (await ok(UPDATE, { id: registered.result.id, in: { key: "sub_2", value: "x", labels: { tier: 1 } } })).c,
    );
    assert.deepEqual([updated.result.key, updated.result.value, updated.result.labels], ["sub_2", "x", { tier: 1 }]);
    const change = JSON.parse(updated.events[0].details as string);
    assert.equal(updated.events[0].action, "RUNTIME_CONTEXT_UPDATED");
    assert.deepEqual([change.before.value, change.after.value, change.before.labels, change.after.labels], ["consumer-2", "x", { region: "eu" }, { tier: 1 }]);

    const removed = await auditEventsOf(app.db, async () => (await ok(UNREGISTER, { id: registered.result.id })).c);
    assert.equal(removed.result.key, "sub_2");
    assert.deepEqual(
      removed.events.map((event) => event.action),
      ["RUNTIME_CONTEXT_UNREGISTERED"],
    );
    assert.equal((await ok(CONTEXT, { rt: runtime.id, id: registered.result.id })).runtime.runtimeContext, null);
    assert.equal(await app.db.label.count({ where: { objectId: registered.result.id } }), 0, "its labels went with it");
    await refused(call(UNREGISTER, { id: registered.result.id }), "NOT_FOUND");
  });

  test("Runtime.runtimeContexts pages a runtime's own contexts, oldest first; runtimeContext(id) of another runtime is null", async () => {
    const runtime = await newRuntime();
    const neighbour = await newRuntime();
    const own: string[] = [];
    for (let i = 0; i < 5; i++) own.push((await register(runtime.id, { key: `k${i}`, value: `v${i}` })).id);
    const foreign = await register(neighbour.id, { key: "k", value: "neighbour" });
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await ok(CONTEXTS, { rt: runtime.id, first: 2, after })).runtime.runtimeContexts;
      assert.equal(page.totalCount, 5);
      seen.push(...page.data.map((row: { id: string }) => row.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    assert.deepEqual(seen, own);
    assert.equal((await ok(CONTEXT, { rt: runtime.id, id: foreign.id })).runtime.runtimeContext, null);
    await refused(call(CONTEXTS, { rt: runtime.id, first: 201 }), "BAD_USER_INPUT");
    await refused(call(CONTEXTS, { rt: runtime.id, first: 2, after: "bm90LWEtY3Vyc29y" }), "BAD_USER_INPUT");
  });

  test("a page of runtimes reads all their first pages of contexts at once, each the page its runtime alone answers", async () => {
    const batch = await createTenant(app.db, app.admin.principal, { externalId: "contexts-batch", name: "Batch" });
    const runtimes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const runtime = await newRuntime(undefined, batch.externalId);
      runtimes.push(runtime.id);
      for (let n = 0; n < i; n++) await register(runtime.id, { key: `k${n}`, value: `r${i}` }, undefined, batch.externalId);
    }
    const PAGE = `{ totalCount data { id key value } pageInfo { endCursor hasNextPage } }`;
    const listed = (first: number) => `{ runtimes(first: ${first}) { data { id runtimeContexts(first: 2) ${PAGE} } } }`;
    const many = await statementsOf(() => ok(listed(6), {}, undefined, batch.externalId));
    const one = await statementsOf(() => ok(listed(1), {}, undefined, batch.externalId));
    // The first runtime has no context: its page costs the grouped count alone (domain/paging/keyset.ts,
    // firstKeysetPages). Six add two raw reads whatever their number: the lists that fit in a page (1 and 2
    // contexts) in one, those longer than a page (3 to 5) in one limited read (their rows, read through Prisma's
    // client, are not counted here).
    assert.equal(many.statements, one.statements + 2, "six runtimes' contexts cost a constant more than one runtime's");
    for (const row of many.answer.runtimes.data) {
      const alone = await ok(`query($rt: ID!) { runtime(id: $rt) { runtimeContexts(first: 2) ${PAGE} } }`, { rt: row.id }, undefined, batch.externalId);
      assert.deepEqual(row.runtimeContexts, alone.runtime.runtimeContexts);
      // The batched page's cursor goes on where the runtime's own list does.
      if (row.runtimeContexts.pageInfo.hasNextPage) {
        const next = await ok(CONTEXTS, { rt: row.id, first: 10, after: row.runtimeContexts.pageInfo.endCursor }, undefined, batch.externalId);
        assert.equal(next.runtime.runtimeContexts.data.length, row.runtimeContexts.totalCount - 2);
      }
    }
    assert.deepEqual(
      many.answer.runtimes.data.map((row: any) => row.runtimeContexts.totalCount),
      [0, 1, 2, 3, 4, 5],
    );
  });

  test("keys and values are bounded as Compass's input is; labels follow the label rules", async () => {
    const runtime = await newRuntime();
    const bad = (input: Record<string, unknown>, field: string) => refused(call(REGISTER, { rt: runtime.id, in: input }), "BAD_USER_INPUT", field);
    await bad({ key: "", value: "v" }, "in.key");
    await bad({ key: "a-b", value: "v" }, "in.key");
    await bad({ key: "ключ", value: "v" }, "in.key");
    await bad({ key: "k".repeat(513), value: "v" }, "in.key");
    await bad({ key: "k", value: "v".repeat(513) }, "in.value");
    // Text neither database stores is bad input, not a database error, on both.
    await bad({ key: "k", value: "a\u0000b" }, "in.value");
    await bad({ key: "k", value: "\uD800" }, "in.value");
    await refused(call(CONTEXT, { rt: runtime.id, id: "a\u0000b" }), "BAD_USER_INPUT", "id");
    await bad({ key: "k", value: "v", labels: { "bad key!": 1 } }, "in.labels.bad key!");
    const longest = await register(runtime.id, { key: "k".repeat(512), value: "€".repeat(512) });
    assert.equal(longest.value.length, 512);
    // A failed update changes nothing.
    await refused(call(UPDATE, { id: longest.id, in: { key: "", value: "v" } }), "BAD_USER_INPUT", "in.key");
    assert.equal((await ok(CONTEXT, { rt: runtime.id, id: longest.id })).runtime.runtimeContext.key, "k".repeat(512));
  });

  test("a runtime holds at most the kind's bound of contexts, a burst included (the bound lowered to 3 here)", async () => {
    const runtime = await newRuntime();
    const bounded = { ...RUNTIME_CONTEXT, parent: { ...RUNTIME_CONTEXT.parent!, max: 3 } };
    const burst = await Promise.allSettled(
      Array.from({ length: 8 }, (_, n) => registerObject(bounded, app.db, app.admin.principal, tenant, { key: `k${n}`, value: "v" }, runtime.id)),
    );
    assert.equal(burst.filter((outcome) => outcome.status === "fulfilled").length, 3);
    for (const outcome of burst) {
      if (outcome.status === "rejected") assert.deepEqual([outcome.reason.code, outcome.reason.details], ["CONFLICT", { limit: 3 }], outcome.reason.message);
    }
    assert.equal(await app.db.runtimeContext.count({ where: { runtimeId: runtime.id } }), 3);
    assert.equal(RUNTIME_CONTEXT.parent!.max, 10_000, "the bound decision 0022 records");
  });

  test("tenants apart: another tenant's runtime or context is unknown", async () => {
    const foreignRuntime = await newRuntime(undefined, other.externalId);
    const foreign = await register(foreignRuntime.id, { key: "k", value: "v" }, undefined, other.externalId);
    await refused(call(REGISTER, { rt: foreignRuntime.id, in: { key: "k", value: "v" } }), "NOT_FOUND");
    await refused(call(UPDATE, { id: foreign.id, in: { key: "k", value: "mine" } }), "NOT_FOUND");
    await refused(call(UNREGISTER, { id: foreign.id }), "NOT_FOUND");
    await refused(call(REGISTER, { rt: "no-such-runtime", in: { key: "k", value: "v" } }), "NOT_FOUND");
    const still = await ok(CONTEXT, { rt: foreignRuntime.id, id: foreign.id }, undefined, other.externalId);
    assert.equal(still.runtime.runtimeContext.value, "v");
  });

  test("authorized as their runtime: viewers read only; a system only under the runtimes it manages; a runtime only under itself", async () => {
    const adminRuntime = await newRuntime();
    const context = await register(adminRuntime.id, { key: "k", value: "v" });

    // A viewer reads, and writes nothing.
    const viewed = await ok(CONTEXTS, { rt: adminRuntime.id, first: 10 }, app.viewer.token);
    assert.equal(viewed.runtime.runtimeContexts.totalCount, 1);
    await refused(call(REGISTER, { rt: adminRuntime.id, in: { key: "k", value: "v" } }, app.viewer.token), "FORBIDDEN");
    await refused(call(UPDATE, { id: context.id, in: { key: "k", value: "w" } }, app.viewer.token), "FORBIDDEN");
    await refused(call(UNREGISTER, { id: context.id }, app.viewer.token), "FORBIDDEN");

    // An integration system manages the contexts of its own runtimes, and no others.
    const system = await newSystem();
    const systemRuntime = await newRuntime(system.token);
    const managed = await register(systemRuntime.id, { key: "k", value: "v" }, system.token);
    assert.equal(
      (await app.db.runtimeContext.findUniqueOrThrow({ where: { id: managed.id } })).integrationSystemId,
      system.id,
      "the runtime's manager is copied in",
    );
    assert.equal((await ok(UPDATE, { id: managed.id, in: { key: "k", value: "w" } }, system.token)).c.value, "w");
    await refused(call(REGISTER, { rt: adminRuntime.id, in: { key: "k", value: "v" } }, system.token), "FORBIDDEN");
    await refused(call(UPDATE, { id: context.id, in: { key: "k", value: "w" } }, system.token), "FORBIDDEN");
    await refused(call(UNREGISTER, { id: context.id }, system.token), "FORBIDDEN");
    // Admins change any runtime's contexts, a system's too.
    assert.equal((await ok(UPDATE, { id: managed.id, in: { key: "k", value: "admin" } })).c.value, "admin");

    // A runtime calling as itself: its own contexts, without runtime:write, and nothing else.
    const selfToken = await runtimeToken(adminRuntime.id);
    const own = await register(adminRuntime.id, { key: "self", value: "v" }, selfToken);
    assert.equal((await ok(UPDATE, { id: own.id, in: { key: "self", value: "w" } }, selfToken)).c.value, "w");
    assert.equal((await ok(CONTEXTS, { rt: adminRuntime.id, first: 10 }, selfToken)).runtime.runtimeContexts.totalCount, 2, "it reads its own contexts");
    assert.equal((await ok(UNREGISTER, { id: own.id }, selfToken)).c.id, own.id);
    await refused(call(REGISTER, { rt: systemRuntime.id, in: { key: "k", value: "v" } }, selfToken), "FORBIDDEN");
    await refused(call(UPDATE, { id: managed.id, in: { key: "k", value: "x" } }, selfToken), "FORBIDDEN");
    await refused(call(UNREGISTER, { id: managed.id }, selfToken), "FORBIDDEN");
    // A token narrowed below runtime:read writes nothing.
    const narrowed = await runtimeToken(adminRuntime.id, ["application:read"]);
    await refused(call(REGISTER, { rt: adminRuntime.id, in: { key: "k", value: "v" } }, narrowed), "FORBIDDEN");
    // Still no right to change the runtime itself, nor to register runtimes.
    await refused(call(`mutation($id: ID!) { updateRuntime(id: $id, in: { name: "renamed" }) { id } }`, { id: adminRuntime.id }, selfToken), "FORBIDDEN");
    await refused(call(REGISTER_RUNTIME, { in: { name: "by-a-runtime" } }, selfToken), "FORBIDDEN");
  });

  test("removed with their runtime, labels and all, each audited; a system's count names them", async () => {
    const runtime = await newRuntime();
    const a = await register(runtime.id, { key: "a", value: "1", labels: { x: 1 } });
    const b = await register(runtime.id, { key: "b", value: "2" });
    const removed = await auditEventsOf(app.db, () => ok(`mutation($id: ID!) { unregisterRuntime(id: $id) { id } }`, { id: runtime.id }));
    assert.deepEqual(
      removed.events.map((event) => [event.action, event.objectId]),
      [
        ["RUNTIME_CONTEXT_UNREGISTERED", a.id],
        ["RUNTIME_CONTEXT_UNREGISTERED", b.id],
        ["RUNTIME_UNREGISTERED", runtime.id],
      ],
    );
    assert.equal(JSON.parse(removed.events[0].details as string).reason, "RUNTIME_UNREGISTERED");
    assert.equal(await app.db.runtimeContext.count({ where: { id: { in: [a.id, b.id] } } }), 0);
    assert.equal(await app.db.label.count({ where: { objectId: { in: [a.id, b.id] } } }), 0);

    const system = await newSystem();
    const systemRuntime = await newRuntime(system.token);
    await register(systemRuntime.id, { key: "k", value: "v" }, system.token);
    const error = await refused(call(`mutation($id: ID!) { deleteIntegrationSystem(id: $id) { id } }`, { id: system.id }), "CONFLICT");
    assert.match(error.message, /1 runtime and 1 runtime context/);
  });

  test("removed with their tenant on a cascading delete", async () => {
    const doomed = await createTenant(app.db, app.admin.principal, { externalId: "contexts-doomed", name: "Doomed" });
    const runtime = await newRuntime(undefined, doomed.externalId);
    const context = await register(runtime.id, { key: "k", value: "v", labels: { x: 1 } }, undefined, doomed.externalId);
    const { events } = await auditEventsOf(app.db, () => deleteTenant(app.db, app.admin.principal, doomed.id, true));
    assert.ok(events.some((event) => event.action === "RUNTIME_CONTEXT_UNREGISTERED" && event.objectId === context.id));
    assert.equal(await app.db.runtimeContext.count({ where: { tenantId: doomed.id } }), 0);
    assert.equal(await app.db.label.count({ where: { objectId: context.id } }), 0);
  });
});

describe("runtime fields of Compass's shape", () => {
  test('every runtime carries isNormalized: "true" unless its input sets it; an update with labels keeps it so', async () => {
    assert.deepEqual((await newRuntime()).labels, { isNormalized: "true" });
    const own = await newRuntime(undefined, undefined, { isNormalized: "false", team: "a" });
    assert.deepEqual(own.labels, { isNormalized: "false", team: "a" });
    const UPDATE_RUNTIME = `mutation($id: ID!, $in: RuntimeUpdateInput!) { u: updateRuntime(id: $id, in: $in) { labels } }`;
    assert.deepEqual((await ok(UPDATE_RUNTIME, { id: own.id, in: { name: "renamed-own", labels: { team: "b" } } })).u.labels, {
      team: "b",
      isNormalized: "true",
    });
    await ok(`mutation($id: ID!) { deleteRuntimeLabel(runtimeID: $id, key: "isNormalized") { key } }`, { id: own.id });
    // An update without labels leaves the labels as they are.
    assert.deepEqual((await ok(UPDATE_RUNTIME, { id: own.id, in: { name: "renamed-again" } })).u.labels, { team: "b" });
  });

  test("applicationNamespace is at most 256 characters, as Compass's input", async () => {
    const longest = await ok(`mutation($in: RuntimeRegisterInput!) { r: registerRuntime(in: $in) { applicationNamespace } }`, {
      in: { name: "namespace-256", applicationNamespace: "n".repeat(256) },
    });
    assert.equal(longest.r.applicationNamespace.length, 256);
    await refused(
      call(REGISTER_RUNTIME, { in: { name: "namespace-257", applicationNamespace: "n".repeat(257) } }),
      "BAD_USER_INPUT",
      "in.applicationNamespace",
    );
  });

  test("eventingConfiguration.defaultURL is the runtime_eventServiceUrl label when a string, else empty", async () => {
    const runtime = await newRuntime();
    const EVENTING = `query($id: ID!) { runtime(id: $id) { eventingConfiguration { defaultURL } } }`;
    assert.deepEqual((await ok(EVENTING, { id: runtime.id })).runtime.eventingConfiguration, { defaultURL: "" });
    const set = (value: unknown) =>
      ok(`mutation($id: ID!, $v: Any!) { setRuntimeLabel(runtimeID: $id, key: "runtime_eventServiceUrl", value: $v) { key } }`, { id: runtime.id, v: value });
    await set("https://events.example.test/v1");
    assert.equal((await ok(EVENTING, { id: runtime.id })).runtime.eventingConfiguration.defaultURL, "https://events.example.test/v1");
    await set(["not", "a", "string"]);
    assert.equal((await ok(EVENTING, { id: runtime.id })).runtime.eventingConfiguration.defaultURL, "");
  });
});
