/**
 * Issue 22: Kyma Compass's own runtime and runtime-context documents
 * (test/fixtures/compass/examples, verbatim but for the ids of this run's
 * objects), sent as a Compass client sends them, and checked for what
 * Compass's e2e tests check of their answers: tests/director/tests/runtime/
 * runtime_api_test.go and runtime_contexts_api_test.go, labeling_api_test.go
 * (the label filter), with tests/pkg/assertions (AssertRuntime,
 * AssertRuntimeLabels: `isNormalized: "true"` on every runtime).
 *
 * Compass's documents select `Runtime.webhooks`, which the webhooks module
 * (graphql/webhook/) adds to the type; until it is in the schema, the
 * documents that select it are skipped, saying so, and the runtime-context
 * mutations, which do not, run. Runs on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { buildSchema, isObjectType } from "graphql";
import { createTenant } from "@/domain/tenants/tenant.service";
import { exampleDocument } from "./compass-example-documents";
import { setupTestApp } from "./harness";

const app = await setupTestApp();
const base = await app.listen();

/** Compass's example writer made every id this placeholder. */
const ID = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";

const schema = buildSchema(fs.readFileSync(path.join(import.meta.dirname, "../graphql/schema.generated.graphqls"), "utf8"));
const runtimeType = schema.getType("Runtime");
const withWebhooks = isObjectType(runtimeType) && "webhooks" in runtimeType.getFields();
const needsWebhooks = withWebhooks ? {} : { skip: "Runtime.webhooks comes with the webhooks module (graphql/webhook/), not in this schema yet" };

interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; path?: string[]; extensions: Record<string, any> }[] };
}

let tenants = 0;
/** Each test in a tenant of its own: Compass's tests count what its default tenant holds. */
const newTenant = () => createTenant(app.db, app.admin.principal, { externalId: `compass-runtimes-${++tenants}`, name: `Compass runtimes ${tenants}` });

async function call(query: string, tenant: string, variables: Record<string, unknown> = {}, token = app.admin.token): Promise<Answer> {
  const response = await fetch(`${base}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, tenant },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

async function ok(query: string, tenant: string, variables: Record<string, unknown> = {}) {
  const answer = await call(query, tenant, variables);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
  return answer.body.data;
}

/** Compass's FixRuntimeRegisterInputWithoutLabels(name), registered with our own document. */
async function registerRuntime(tenant: string, name: string, description?: string): Promise<{ id: string; name: string; description: string | null }> {
  const data = await ok(`mutation($in: RuntimeRegisterInput!) { r: registerRuntime(in: $in) { id name description } }`, tenant, {
    in: { name, description },
  });
  return data.r;
}

const setLabel = (tenant: string, runtimeID: string, key: string, value: unknown) =>
  ok(`mutation($id: ID!, $key: String!, $value: Any!) { setRuntimeLabel(runtimeID: $id, key: $key, value: $value) { key value } }`, tenant, {
    id: runtimeID,
    key,
    value,
  });

/** Compass's CreateRuntimeContext(runtimeID, key, value): the register document with its input. */
async function createRuntimeContext(tenant: string, runtimeID: string, key: string, value: string) {
  const data = await ok(
    `mutation($id: ID!, $in: RuntimeContextInput!) { result: registerRuntimeContext(runtimeID: $id, in: $in) { id key value labels } }`,
    tenant,
    { id: runtimeID, in: { key, value } },
  );
  return data.result as { id: string; key: string; value: string; labels: Record<string, unknown> };
}

describe("Compass's runtime documents", () => {
  test("TestRuntimeRegisterUpdateAndUnregister: register-runtime, query-runtime, update-runtime, unregister-runtime", needsWebhooks, async () => {
    const tenant = (await newTenant()).externalId;
    const registered = (await ok(exampleDocument("register-runtime", "register-runtime.graphql"), tenant)).result;
    assert.match(registered.id, /\S/);
    // AssertRuntime: name, description, and the input's labels beside isNormalized "true".
    assert.equal(registered.name, "runtime-create-update-delete");
    assert.equal(registered.description, "runtime-1-description");
    assert.deepEqual(registered.labels, { ggg: ["hhh"], isNormalized: "true" });
    assert.equal(registered.status.condition, "INITIAL");
    assert.ok(!Number.isNaN(Date.parse(registered.metadata.creationTimestamp)));
    assert.equal(registered.applicationNamespace, null);
    assert.deepEqual(registered.auths, []);
    assert.deepEqual(registered.runtimeContexts.data, []);
    assert.equal(registered.runtimeContexts.totalCount, 0);
    assert.equal(registered.runtimeContexts.pageInfo.hasNextPage, false);
    assert.deepEqual(registered.eventingConfiguration, { defaultURL: "" });

    const label = (await setLabel(tenant, registered.id, "new_label", ["bbb"])).setRuntimeLabel;
    assert.deepEqual(label, { key: "new_label", value: ["bbb"] });
    const read = (await ok(exampleDocument("query-runtime", "query-runtime.graphql", { [ID]: registered.id }), tenant)).result;
    assert.equal(Object.keys(read.labels).length, 3);
    assert.deepEqual([read.id, read.name, read.description], [registered.id, registered.name, registered.description]);

    // update runtime, check if only simple values are updated
    const updated = (await ok(exampleDocument("update-runtime", "update-runtime.graphql", { [ID]: registered.id }), tenant)).result;
    assert.equal(updated.name, "updated-name");
    assert.equal(updated.description, "updated-description");
    assert.equal(Object.keys(updated.labels).length, 2);
    assert.deepEqual(updated.labels, { key: ["values", "aabbcc"], isNormalized: "true" });
    assert.equal(updated.status.condition, "CONNECTED");

    const removed = await ok(exampleDocument("unregister-runtime", "unregister-runtime.graphql", { [ID]: registered.id }), tenant);
    assert.equal(removed.unregisterRuntime.id, registered.id);
    assert.equal((await ok(`query($id: ID!) { runtime(id: $id) { id } }`, tenant, { id: registered.id })).runtime, null);
  });

  test("TestQuerySpecificRuntime and TestQueryRuntimes: query-runtime and query-runtimes", needsWebhooks, async () => {
    const tenant = (await newTenant()).externalId;
    const inputs = [
      { name: "runtime-query-1", description: "test description" },
      { name: "runtime-query-2", description: "another description" },
      { name: "runtime-query-3", description: null },
    ];
    const created = [];
    for (const input of inputs) created.push(await registerRuntime(tenant, input.name, input.description ?? undefined));
    const page = (await ok(exampleDocument("query-runtimes", "query-runtimes.graphql"), tenant)).result;
    assert.equal(page.data.length, inputs.length);
    assert.equal(page.totalCount, inputs.length);
    for (const runtime of created) {
      const found = page.data.find((row: { id: string }) => row.id === runtime.id);
      assert.ok(found, runtime.name);
      assert.equal(found.name, runtime.name);
      assert.equal(found.description, runtime.description);
    }

    const specific = (await ok(exampleDocument("query-runtime", "query-runtime.graphql", { [ID]: created[0].id }), tenant)).result;
    assert.deepEqual([specific.id, specific.name, specific.description], [created[0].id, "runtime-query-1", "test description"]);
  });

  test("TestQueryRuntimesWithPagination: query-runtimes-with-pagination reads the last page", needsWebhooks, async () => {
    const tenant = (await newTenant()).externalId;
    const remaining = new Set<string>();
    for (let i = 0; i < 10; i++) remaining.add((await registerRuntime(tenant, `runtime-${i}`)).id);
    let cursor = "";
    for (let i = 0; i < 3; i++) {
      const page = (
        await ok(`query($after: PageCursor) { runtimes(first: 3, after: $after) { data { id } pageInfo { endCursor hasNextPage } totalCount } }`, tenant, {
          after: cursor,
        })
      ).runtimes;
      assert.equal(page.pageInfo.hasNextPage, true);
      assert.equal(page.data.length, 3);
      assert.equal(page.totalCount, 10);
      for (const { id } of page.data) assert.ok(remaining.delete(id), `${id} once`);
      cursor = page.pageInfo.endCursor;
    }
    const last = (await ok(exampleDocument("query-runtimes", "query-runtimes-with-pagination.graphql", { RHBLdEo0ajlqRHE5: cursor }), tenant)).result;
    assert.equal(last.pageInfo.hasNextPage, false);
    assert.equal(last.data.length, 1);
    assert.ok(remaining.delete(last.data[0].id));
    assert.equal(remaining.size, 0);
  });

  test("TestQueryRuntimesWithLabelFilter (labeling_api_test.go): query-runtimes-with-label-filter", needsWebhooks, async () => {
    const tenant = (await newTenant()).externalId;
    const first = await registerRuntime(tenant, "first");
    const second = await registerRuntime(tenant, "second");
    await setLabel(tenant, first.id, "foo", "val");
    await setLabel(tenant, second.id, "foo", "val");
    await setLabel(tenant, first.id, "bar", "barval");
    const page = (await ok(exampleDocument("query-runtimes", "query-runtimes-with-label-filter.graphql"), tenant)).result;
    assert.equal(page.totalCount, 1);
    assert.equal(page.data[0].id, first.id);
    assert.equal(page.data[0].labels.bar, "barval");
  });
});

describe("Compass's runtime-context documents", () => {
  test("TestAddRuntimeContext: register-runtime-context, then query-runtimecontext", async () => {
    const tenant = (await newTenant()).externalId;
    const runtime = await registerRuntime(tenant, "addRuntimeContext");
    const output = (await ok(exampleDocument("register-runtime-context", "register-runtime-context.graphql", { [ID]: runtime.id }), tenant)).result;
    assert.match(output.id, /\S/);
    assert.deepEqual([output.key, output.value], ["create", "create"]);
    assert.deepEqual(output.labels, {});

    if (!withWebhooks) return;
    const read = (await ok(exampleDocument("query-runtimecontext", "query-runtimecontext.graphql", { [ID]: [runtime.id, output.id] }), tenant)).result;
    assert.equal(read.id, runtime.id);
    assert.deepEqual(read.runtimeContext, output);
    assert.deepEqual(read.labels, { isNormalized: "true" });
  });

  test("TestQueryRuntimeContexts: query-runtime-contexts", needsWebhooks, async () => {
    const tenant = (await newTenant()).externalId;
    const runtime = await registerRuntime(tenant, "addRuntimeContext");
    const contexts = [
      await createRuntimeContext(tenant, runtime.id, "queryRuntimeContexts1", "queryRuntimeContexts1"),
      await createRuntimeContext(tenant, runtime.id, "queryRuntimeContexts2", "queryRuntimeContexts2"),
    ];
    const read = (await ok(exampleDocument("query-runtime-contexts", "query-runtime-contexts.graphql", { [ID]: runtime.id }), tenant)).result;
    assert.equal(read.runtimeContexts.data.length, 2);
    // require.ElementsMatch: the same contexts, in any order.
    const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    assert.deepEqual(byId(read.runtimeContexts.data), byId(contexts));
    assert.equal(read.runtimeContexts.totalCount, 2);
  });

  test("TestUpdateRuntimeContext: update-runtime-context", async () => {
    const tenant = (await newTenant()).externalId;
    const runtime = await registerRuntime(tenant, "addRuntimeContext");
    const context = await createRuntimeContext(tenant, runtime.id, "runtimeContext", "runtimeContext");
    const updated = (await ok(exampleDocument("update-runtime-context", "update-runtime-context.graphql", { [ID]: context.id }), tenant)).result;
    assert.equal(updated.id, context.id);
    assert.deepEqual([updated.key, updated.value], ["updateRuntimeContext", "updateRuntimeContext"]);
  });

  test("TestDeleteRuntimeContext: delete-runtime-context", async () => {
    const tenant = (await newTenant()).externalId;
    const runtime = await registerRuntime(tenant, "addRuntimeContext");
    const context = await createRuntimeContext(tenant, runtime.id, "deleteRuntimeContext", "deleteRuntimeContext");
    const deleted = (await ok(exampleDocument("delete-runtime-context", "delete-runtime-context.graphql", { [ID]: context.id }), tenant)).result;
    assert.equal(deleted.id, context.id);
    assert.deepEqual([deleted.key, deleted.value], ["deleteRuntimeContext", "deleteRuntimeContext"]);
    const left = await ok(`query($id: ID!) { runtime(id: $id) { runtimeContexts { totalCount } } }`, tenant, { id: runtime.id });
    assert.equal(left.runtime.runtimeContexts.totalCount, 0);
  });

  test("a blank key is refused with Compass's message, naming in.key", async () => {
    const tenant = (await newTenant()).externalId;
    const runtime = await registerRuntime(tenant, "blank-key");
    const answer = await call(`mutation($id: ID!) { registerRuntimeContext(runtimeID: $id, in: { key: "", value: "v" }) { id } }`, tenant, { id: runtime.id });
    assert.equal(answer.body.errors?.[0].extensions.code, "BAD_USER_INPUT");
    assert.equal(answer.body.errors?.[0].extensions.field, "in.key");
    assert.match(answer.body.errors![0].message, /key=cannot be blank/);
  });
});
