/**
 * Issue 22, item 4: tenants as Compass has them. Compass's five tenant
 * example documents (test/fixtures/compass/examples) are sent verbatim over
 * real HTTP, and checked the way Compass's e2e tests check them
 * (tests/director/tests/tenants_api_test.go and tenant_isolation_test.go);
 * then the rules around them: who may write tenants (`tenant:write`,
 * docs/decisions/0017), the audit, bounds and atomic batches, parents, and
 * what a tenant may do with an object shared with it (decision 0018).
 * Runs on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { GRANTABLE_INTEGRATION_SYSTEM_SCOPES } from "@/lib/config";
import { exampleDocument } from "./compass-example-documents";
import { type Caller, auditEventsOf, onlyError, setupTestApp } from "./harness";

// The operator lets credentials hold tenant:write (decision 0017); each test token asks for the scopes it tests.
process.env.INTEGRATION_SYSTEM_SCOPES = GRANTABLE_INTEGRATION_SYSTEM_SCOPES.join(" ");
const app = await setupTestApp();
const base = await app.listen();

type Errors = { message: string; path?: string[]; extensions: Record<string, any> }[];
interface Response {
  status: number;
  body: { data?: any; errors?: Errors };
}

async function call(as: Caller | string, query: string, variables: Record<string, unknown> = {}, tenant?: string): Promise<Response> {
  const token = typeof as === "string" ? as : as.token;
  const response = await fetch(`${base}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...(tenant ? { tenant } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Response["body"] };
}

async function ok(as: Caller | string, query: string, variables: Record<string, unknown> = {}, tenant?: string) {
  const response = await call(as, query, variables, tenant);
  assert.equal(response.body.errors, undefined, JSON.stringify(response.body.errors));
  return response.body.data;
}

async function expectError(response: Promise<Response>, code: string, field?: string) {
  const result = await response;
  const error = onlyError({ status: result.status, headers: new Headers(), body: result.body });
  assert.equal(error.extensions.code, code, error.message);
  if (field !== undefined) assert.equal(error.extensions.field, field, error.message);
  return error;
}

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}`;

/** An integration system whose credential may hold every grantable scope; `token(scopes)` asks for some. */
async function newSystem(scopes: readonly string[] | null = GRANTABLE_INTEGRATION_SYSTEM_SCOPES) {
  const system = (
    await ok(app.admin, `mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { id } }`, { in: { name: unique("Fetcher") } })
  ).createIntegrationSystem as { id: string };
  const generated = await ok(
    app.admin,
    `mutation($id: ID!, $scopes: [String!]) { generateClientCredentialsForIntegrationSystem(id: $id, scopes: $scopes) { ... on IntSysSystemAuth { scopes } auth { credential { ... on OAuthCredentialData { clientId clientSecret } } } } }`,
    { id: system.id, scopes },
  );
  const { clientId, clientSecret } = generated.generateClientCredentialsForIntegrationSystem.auth.credential;
  const token = async (scope: string) => {
    const response = await fetch(`${base}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret, scope }),
    });
    assert.equal(response.status, 200);
    return ((await response.json()) as { access_token: string }).access_token;
  };
  return { id: system.id, token, scopes: generated.generateClientCredentialsForIntegrationSystem.scopes as string[] };
}

// Compass's tenant fetcher: the integration system that keeps tenants in step.
const fetcher = await newSystem();
const fetcherToken = await fetcher.token("tenant:read tenant:write application:read application:write runtime:read runtime:write");

interface Mapping {
  name: string;
  externalTenant: string;
  parents?: (string | null)[] | null;
  type: string;
  provider: string;
  subdomain?: string;
  region?: string;
  licenseType?: string;
}

const WRITE_TENANTS = `mutation($in: [BusinessTenantMappingInput!]) { writeTenants(in: $in) }`;
const WRITE_TENANT = `mutation($in: BusinessTenantMappingInput!) { writeTenant(in: $in) }`;
const DELETE_TENANTS = `mutation($in: [String!]) { deleteTenants(in: $in) }`;
const BY_EXTERNAL = `query($id: ID!) { result: tenantByExternalID(id: $id) { id internalID name type parents initialized provider labels subdomain region licenseType } }`;
const ROOTS = `query($t: String!) { result: rootTenants(externalTenant: $t) { id internalID name type parents } }`;
const APPS = `{ applications(first: 50) { totalCount data { id name } } }`;
const APP = `query($id: ID!) { application(id: $id) { id name } }`;
const REGISTER_APP = `mutation($in: ApplicationRegisterInput!) { registerApplication(in: $in) { id } }`;

const mapping = (name: string, externalTenant: string, type: string, parents: string[] = []): Mapping => ({
  name,
  externalTenant,
  parents,
  type,
  provider: "e2e-test-provider",
  subdomain: `${name}-subdomain`,
  region: "local",
  licenseType: "LICENSETYPE",
});

const writeTenants = async (tenants: Mapping[], as: Caller | string = fetcherToken): Promise<string[]> =>
  (await ok(as, WRITE_TENANTS, { in: tenants })).writeTenants;
const byExternal = async (id: string) => (await ok(app.viewer, BY_EXTERNAL, { id })).result;
const roots = async (externalTenant: string) => (await ok(app.viewer, ROOTS, { t: externalTenant })).result as { id: string; name: string; type: string }[];

async function registerApp(tenant: string, name = unique("shared-app")): Promise<string> {
  return (await ok(app.admin, REGISTER_APP, { in: { name } }, tenant)).registerApplication.id;
}
const appIdsIn = async (tenant: string) => ((await ok(app.admin, APPS, {}, tenant)).applications.data as { id: string }[]).map((row) => row.id);

describe("Compass's tenant examples, verbatim", () => {
  test("query-tenants: a page of 3 of the tenants matching the search term, with Compass's fields", async () => {
    const written = await writeTenants([1, 2, 3, 4].map((n) => mapping(`test-tenant-${n}`, `paging-test-${n}`, "account")));
    const { result } = await ok(app.viewer, exampleDocument("query-tenants"));
    // TestQueryTenantsPageSearch: three of them, and a next page.
    assert.equal(result.data.length, 3);
    assert.equal(result.pageInfo.hasNextPage, true);
    assert.notEqual(result.pageInfo.endCursor, "");
    assert.ok(result.totalCount >= 4);
    for (const tenant of result.data) {
      assert.match(`${tenant.id} ${tenant.name}`, /test/i);
      assert.notEqual(tenant.id, tenant.internalID, "id is the external id, internalID ours");
    }
    const first = result.data.find((tenant: { id: string }) => tenant.id === "paging-test-1");
    if (first) assert.equal(first.internalID, written[0]);
  });

  test("get-root-tenant: the customer above a subaccount, and above its account; none above the customer", async () => {
    const tenants = [
      { ...mapping("customer-name", "customer-external-tenant", "customer"), subdomain: "customer-subdomain" },
      mapping("account-name", "account-external-tenant", "account", ["customer-external-tenant"]),
      mapping("subaccount-name", "subaccount-external-tenant", "subaccount", ["account-external-tenant"]),
      mapping("subaccount-name-2", "subaccount-external-tenant-2", "subaccount", ["account-external-tenant"]),
    ];
    const [customerId] = await writeTenants(tenants);
    const { result } = await ok(app.viewer, exampleDocument("get-root-tenant"));
    assert.deepEqual(result, [
      {
        id: "customer-external-tenant",
        internalID: customerId,
        initialized: false,
        parents: [],
        provider: "e2e-test-provider",
        type: "customer",
        name: "customer-name",
      },
    ]);
    for (const below of ["subaccount-external-tenant-2", "account-external-tenant"]) {
      assert.deepEqual(
        (await roots(below)).map((root) => [root.id, root.name, root.type]),
        [["customer-external-tenant", "customer-name", "customer"]],
        below,
      );
    }
    assert.deepEqual(await roots("customer-external-tenant"), []);
    await expectError(call(app.viewer, ROOTS, { t: "no-such-tenant" }), "NOT_FOUND");
    assert.equal(await ok(fetcherToken, DELETE_TENANTS, { in: tenants.map((tenant) => tenant.externalTenant) }).then((data) => data.deleteTenants), 4);
  });

  test("get-root-tenant's query over two roots: a resource group under a folder under a cost object and an organization", async () => {
    await writeTenants([
      mapping("cost-object-name", "cost-object-external-tenant", "cost-object"),
      mapping("organization-name", "organization-external-tenant", "organization"),
      mapping("folder-name", "folder-external-tenant", "folder", ["cost-object-external-tenant", "organization-external-tenant"]),
      mapping("resource-group-name", "resource-group-external-tenant", "resource-group", ["folder-external-tenant"]),
    ]);
    for (const below of ["resource-group-external-tenant", "folder-external-tenant"]) {
      const found = (await roots(below)).map((root) => [root.id, root.name, root.type]).sort();
      assert.deepEqual(found, [
        ["cost-object-external-tenant", "cost-object-name", "cost-object"],
        ["organization-external-tenant", "organization-name", "organization"],
      ]);
    }
    assert.deepEqual(await roots("organization-external-tenant"), []);
  });

  test("set-tenant-label: the label is answered, then read back on the tenant", async () => {
    const [internalId] = await writeTenants([mapping("account-name", "label-account-external-tenant", "account")]);
    const { result: before } = await ok(app.viewer, BY_EXTERNAL, { id: "label-account-external-tenant" });
    assert.equal(before.internalID, internalId);
    const { setTenantLabel } = await ok(fetcherToken, exampleDocument("set-tenant-label", undefined, { "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa": internalId }));
    assert.deepEqual(setTenantLabel, { key: "label_key", value: "label_value" });
    const after = await byExternal("label-account-external-tenant");
    assert.equal(after.labels.label_key, "label_value");
    const only = await ok(app.viewer, `query($id: ID!) { tenantByInternalID(id: $id) { labels(key: "label_key") } }`, { id: internalId });
    assert.deepEqual(only.tenantByInternalID.labels, { label_key: "label_value" });
  });

  test("add-tenant-access and remove-tenant-access: an application shared with another resource group and its parents, then no longer", async () => {
    // Compass's tenant_isolation_test.go: customer > organization > folder 1 > folder 2 > resource group 1, and folder 1 > folder 3 > resource group 2.
    await writeTenants([
      mapping("customer", "iso-customer", "customer"),
      mapping("org", "iso-org", "organization", ["iso-customer"]),
      mapping("folder-1", "iso-folder-1", "folder", ["iso-org"]),
      mapping("folder-2", "iso-folder-2", "folder", ["iso-folder-1"]),
      mapping("folder-3", "iso-folder-3", "folder", ["iso-folder-1"]),
      mapping("resource-group-1", "resource-group-1-external-tenant", "resource-group", ["iso-folder-2"]),
      mapping("resource-group-2", "resource-group-2-external-tenant", "resource-group", ["iso-folder-3"]),
    ]);
    const appId = await registerApp("resource-group-1-external-tenant", "e2e-tenant-access");
    const above1 = ["resource-group-1-external-tenant", "iso-folder-2", "iso-folder-1", "iso-org", "iso-customer"];
    const branch2 = ["resource-group-2-external-tenant", "iso-folder-3"];
    const expectSeenBy = async (seeing: string[], notSeeing: string[]) => {
      for (const tenant of seeing) assert.deepEqual(await appIdsIn(tenant), [appId], `${tenant} lists it`);
      for (const tenant of notSeeing) assert.deepEqual(await appIdsIn(tenant), [], `${tenant} does not list it`);
    };
    await expectSeenBy(above1, branch2);

    const ids = { "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa": appId };
    // Compass sends both without a tenant header (RunOperationWithoutTenant).
    const added = await ok(fetcherToken, exampleDocument("add-tenant-access", undefined, ids));
    const share = { tenantID: "resource-group-2-external-tenant", resourceID: appId, resourceType: "APPLICATION", owner: true };
    assert.deepEqual(added.result, share);
    await expectSeenBy([...above1, ...branch2], []);

    const removed = await ok(fetcherToken, exampleDocument("remove-tenant-access", undefined, ids));
    assert.deepEqual(removed.result, share);
    await expectSeenBy(above1, branch2);
    // Nothing shared any more: removing again is NOT_FOUND.
    await expectError(call(fetcherToken, exampleDocument("remove-tenant-access", undefined, ids)), "NOT_FOUND");
  });
});

describe("writing tenants", () => {
  test("only admins and a system holding tenant:write write tenants; viewers and other systems are FORBIDDEN", async () => {
    const readOnly = await fetcher.token("tenant:read application:read");
    const input = mapping("x", unique("forbidden"), "account");
    for (const as of [app.viewer, readOnly]) {
      await expectError(call(as, WRITE_TENANT, { in: input }), "FORBIDDEN");
      await expectError(call(as, WRITE_TENANTS, { in: [input] }), "FORBIDDEN");
      await expectError(call(as, DELETE_TENANTS, { in: ["x"] }), "FORBIDDEN");
      await expectError(call(as, `mutation { setTenantLabel(tenantID: "x", key: "k", value: 1) { key } }`), "FORBIDDEN");
      await expectError(
        call(as, `mutation { addTenantAccess(in: {tenantID: "x", resourceID: "y", resourceType: APPLICATION, owner: false}) { owner } }`),
        "FORBIDDEN",
      );
      await expectError(call(as, `mutation { removeTenantAccess(tenantID: "x", resourceID: "y", resourceType: APPLICATION) { owner } }`), "FORBIDDEN");
    }
    assert.equal(await app.db.tenant.count({ where: { externalIdKey: input.externalTenant } }), 0);
    assert.equal(typeof (await ok(app.admin, WRITE_TENANT, { in: input })).writeTenant, "string");
  });

  test("a credential holds tenant:write only when the admin names it, though the operator allows it", async () => {
    const ordinary = await newSystem(null);
    assert.ok(ordinary.scopes.includes("tenant:read"));
    assert.ok(!ordinary.scopes.includes("tenant:write"));
    assert.ok(fetcher.scopes.includes("tenant:write"));
    await expectError(call(await ordinary.token("tenant:read"), WRITE_TENANT, { in: mapping("x", unique("ordinary"), "account") }), "FORBIDDEN");
  });

  test("every write is audited, with the integration system as the actor", async () => {
    const external = unique("audited");
    const { result: ids, events } = await auditEventsOf(app.db, () => writeTenants([mapping("Audited", external, "account")]));
    assert.deepEqual(
      events.map((event) => [event.action, event.actorType, event.actorId, event.objectId]),
      [["TENANT_CREATED", "INTEGRATION_SYSTEM", fetcher.id, ids[0]]],
    );
    assert.equal(JSON.parse(events[0].details!).via, "writeTenants");
    const { events: labelled } = await auditEventsOf(app.db, () =>
      ok(fetcherToken, `mutation($t: ID!) { setTenantLabel(tenantID: $t, key: "k", value: [1]) { key } }`, { t: external }),
    );
    assert.deepEqual(
      labelled.map((event) => event.action),
      ["TENANT_LABEL_SET"],
    );
    const { events: deleted } = await auditEventsOf(app.db, () => ok(fetcherToken, DELETE_TENANTS, { in: [external] }));
    assert.deepEqual(
      deleted.map((event) => [event.action, JSON.parse(event.details!).reason]),
      [["TENANT_DELETED", "deleteTenants"]],
    );
  });

  test("writeTenant of an existing external id updates it and adds parents (Compass's upsert); updateTenant replaces them", async () => {
    const [customer, account] = [unique("customer"), unique("account")];
    const accountId = (await ok(fetcherToken, WRITE_TENANT, { in: mapping("account-name", account, "account") })).writeTenant;
    const [customerId, again] = await writeTenants([
      mapping("customer-name", customer, "customer"),
      mapping("account-renamed", account, "account", [customer]),
    ]);
    assert.equal(again, accountId, "the same tenant, by its external id");
    let read = await byExternal(account);
    assert.deepEqual([read.name, read.parents, read.subdomain, read.region], ["account-renamed", [customerId], "account-renamed-subdomain", "local"]);
    const listed = await ok(
      app.viewer,
      `query($q: String) { tenants(first: 5, searchTerm: $q) { data { id parents parentTenants { id name } initialized } } }`,
      { q: account },
    );
    assert.deepEqual(listed.tenants.data, [
      { id: account, parents: [customerId], parentTenants: [{ id: customer, name: "customer-name" }], initialized: false },
    ]);
    // Compass's `initialized`: true once the tenant has a label definition.
    await ok(
      app.admin,
      `mutation { createLabelDefinition(in: { key: "scenarios", schema: "{\\"type\\":\\"array\\",\\"items\\":{\\"type\\":\\"string\\",\\"enum\\":[\\"DEFAULT\\"]},\\"uniqueItems\\":true}" }) { key } }`,
      {},
      account,
    );
    assert.equal((await byExternal(account)).initialized, true);
    // Compass's test looks the parent up by its internal id.
    assert.equal((await ok(app.viewer, `query($id: ID!) { tenantByInternalID(id: $id) { id } }`, { id: read.parents[0] })).tenantByInternalID.id, customer);

    const update = `mutation($id: ID!, $in: BusinessTenantMappingInput!) { updateTenant(id: $id, in: $in) { id internalID name type parents provider } }`;
    const updated = await ok(fetcherToken, update, {
      id: accountId,
      in: { name: "acc", externalTenant: account, parents: [], type: "subaccount", provider: "p" },
    });
    assert.deepEqual(updated.updateTenant, { id: account, internalID: accountId, name: "acc", type: "subaccount", parents: [], provider: "p" });
    read = await byExternal(account);
    assert.equal(read.subdomain, null, "updateTenant replaces every field");
    await expectError(call(app.viewer, update, { id: accountId, in: { name: "x", externalTenant: account, type: "account", provider: "" } }), "FORBIDDEN");
    assert.equal((await ok(app.viewer, `{ tenantByExternalID(id: "no-such") { id } tenantByInternalID(id: "no-such") { id } }`)).tenantByExternalID, null);
  });

  test("a parent reaches its children's objects while it is their parent (Compass's TestTenantParentUpdateWithCostObject)", async () => {
    const [cost, account] = [unique("cost-obj"), unique("isolated-account")];
    const [, accountId] = await writeTenants([mapping("cost", cost, "cost-object"), mapping("acct", account, "account")]);
    const appId = await registerApp(account);
    assert.equal((await ok(app.admin, APP, { id: appId }, cost)).application, null);
    const update = `mutation($id: ID!, $in: BusinessTenantMappingInput!) { updateTenant(id: $id, in: $in) { parents } }`;
    await ok(fetcherToken, update, { id: accountId, in: { ...mapping("acct", account, "account"), parents: [cost] } });
    assert.equal((await ok(app.admin, APP, { id: appId }, cost)).application.id, appId);
    assert.deepEqual(await appIdsIn(cost), [appId]);
    // The parent changes it as its own: its labels too, stored on the object in the account.
    const label = `mutation($id: ID!) { setApplicationLabel(applicationID: $id, key: "via_parent", value: "yes") { key value } }`;
    assert.deepEqual((await ok(app.admin, label, { id: appId }, cost)).setApplicationLabel, { key: "via_parent", value: "yes" });
    assert.equal((await app.db.label.findFirstOrThrow({ where: { objectId: appId, key: "via_parent" } })).tenantId, accountId);
    await ok(fetcherToken, update, { id: accountId, in: { ...mapping("acct", account, "account"), parents: [] } });
    assert.equal((await ok(app.admin, APP, { id: appId }, cost)).application, null);
    assert.equal((await ok(app.admin, APP, { id: appId }, account)).application.id, appId);
  });

  test("deleteTenants deletes with their objects, skips unknown ids, and children lose the deleted parent", async () => {
    const [cost, account] = [unique("cost-obj"), unique("isolated-account")];
    await writeTenants([mapping("cost", cost, "cost-object"), mapping("acct", account, "account", [cost])]);
    const appId = await registerApp(cost);
    assert.equal((await ok(fetcherToken, DELETE_TENANTS, { in: [cost, "never-was"] })).deleteTenants, 1);
    assert.deepEqual((await byExternal(account)).parents, []);
    assert.equal(await byExternal(cost), null);
    assert.equal(await app.db.application.count({ where: { id: appId } }), 0);
  });

  test("inputs are checked and a batch is all or nothing", async () => {
    const before = await app.db.tenant.count();
    const good = mapping("ok", unique("batch"), "account");
    const cases: [unknown, string][] = [
      [[good, { ...mapping("x", unique("typed"), "galaxy") }], "in[1].type"],
      [[{ ...good, provider: "p".repeat(257) }], "in[0].provider"],
      [[{ ...good, subdomain: "s".repeat(257) }], "in[0].subdomain"],
      [[{ ...good, externalTenant: "bad id!" }], "in[0].externalTenant"],
      [[{ ...good, name: "" }], "in[0].name"],
      [[good, mapping("y", unique("orphan"), "account", ["no-such-parent"])], "in[1].parents[0]"],
      [[good, { ...good, name: "twice" }], "in[1].externalTenant"],
      [[{ ...good, parents: Array.from({ length: 17 }, (_, i) => `p${i}`) }], "in[0].parents"],
      [[{ ...good, parents: [good.externalTenant] }], "in[0].parents[0]"],
      [Array.from({ length: 101 }, (_, i) => mapping("n", `too-many-${i}`, "account")), "in"],
    ];
    for (const [input, field] of cases) await expectError(call(fetcherToken, WRITE_TENANTS, { in: input }), "BAD_USER_INPUT", field);
    await expectError(call(fetcherToken, DELETE_TENANTS, { in: Array.from({ length: 101 }, (_, i) => `d${i}`) }), "BAD_USER_INPUT", "in");
    await expectError(call(app.viewer, `{ tenants(first: 1, searchTerm: "${"t".repeat(201)}") { totalCount } }`), "BAD_USER_INPUT", "searchTerm");
    await expectError(call(app.viewer, `{ tenants(first: 1, searchTerm: "a", search: "b") { totalCount } }`), "BAD_USER_INPUT", "searchTerm");
    assert.equal(await app.db.tenant.count(), before, "no batch wrote anything");
    // A hierarchy deeper than 32 levels is refused: rootTenants must always reach the top.
    const deep = unique("deep");
    const chain = Array.from({ length: 34 }, (_, i) => mapping(`d${i}`, `${deep}-${i}`, "account", i < 33 ? [`${deep}-${i + 1}`] : []));
    await expectError(call(fetcherToken, WRITE_TENANTS, { in: chain }), "BAD_USER_INPUT", "in");
    assert.equal(await app.db.tenant.count(), before, "no batch wrote anything");
    // A full batch of 100, parents naming tenants later in the same batch (ten levels).
    const stamp = unique("full");
    const batch = Array.from({ length: 100 }, (_, i) => mapping(`t${i}`, `${stamp}-${i}`, "account", i < 90 ? [`${stamp}-${i + 10}`] : []));
    assert.equal((await writeTenants(batch)).length, 100);
    assert.deepEqual(
      (await roots(`${stamp}-0`)).map((root) => root.id),
      [`${stamp}-90`],
    );
  });

  test("parents never form a cycle", async () => {
    const [a, b] = [unique("cycle-a"), unique("cycle-b")];
    const [aId] = await writeTenants([mapping("a", a, "customer"), mapping("b", b, "account", [a])]);
    await expectError(
      call(fetcherToken, `mutation($id: ID!, $in: BusinessTenantMappingInput!) { updateTenant(id: $id, in: $in) { id } }`, {
        id: aId,
        in: { name: "a", externalTenant: a, parents: [b], type: "customer", provider: "" },
      }),
      "BAD_USER_INPUT",
      "in.parents",
    );
    await expectError(call(fetcherToken, WRITE_TENANTS, { in: [mapping("a", a, "customer", [b])] }), "BAD_USER_INPUT", "in[0].parents");
    assert.deepEqual((await byExternal(a)).parents, []);
  });

  test("a burst of writes of one new tenant leaves exactly one, every answer its id or a CONFLICT", async () => {
    const external = unique("burst");
    const answers = await Promise.all(Array.from({ length: 20 }, () => call(fetcherToken, WRITE_TENANT, { in: mapping("burst", external, "account") })));
    const ids = new Set(answers.filter((answer) => !answer.body.errors).map((answer) => answer.body.data.writeTenant));
    for (const answer of answers.filter((candidate) => candidate.body.errors)) assert.equal(answer.body.errors![0].extensions.code, "CONFLICT");
    assert.equal(ids.size, 1);
    assert.equal(await app.db.tenant.count({ where: { externalIdKey: external } }), 1);
  });
});

describe("tenant access", () => {
  const SHARE = `mutation($in: TenantAccessInput!) { addTenantAccess(in: $in) { tenantID resourceID resourceType owner } }`;
  const UNREGISTER = `mutation($id: ID!) { unregisterApplication(id: $id) { id } }`;

  test("read-only: the other tenant reads the object but may not change it; a third tenant sees nothing", async () => {
    const [a, b, c] = [unique("owner"), unique("reader"), unique("stranger")];
    await writeTenants([mapping("a", a, "account"), mapping("b", b, "account"), mapping("c", c, "account")]);
    const appId = await registerApp(a);
    const { events } = await auditEventsOf(app.db, () =>
      ok(fetcherToken, SHARE, { in: { tenantID: b, resourceID: appId, resourceType: "APPLICATION", owner: false } }),
    );
    assert.deepEqual(
      events.map((event) => [event.action, event.objectId, JSON.parse(event.details!).owner]),
      [["TENANT_ACCESS_ADDED", appId, false]],
    );
    assert.equal((await ok(app.admin, APP, { id: appId }, b)).application.id, appId);
    assert.deepEqual(await appIdsIn(b), [appId]);
    await expectError(call(app.admin, UNREGISTER, { id: appId }, b), "FORBIDDEN");
    await expectError(
      call(app.admin, `mutation($id: ID!) { setApplicationLabel(applicationID: $id, key: "k", value: 1) { key } }`, { id: appId }, b),
      "FORBIDDEN",
    );
    await expectError(call(app.admin, `mutation($id: ID!) { requestClientCredentialsForApplication(id: $id) { id } }`, { id: appId }, b), "FORBIDDEN");
    assert.equal((await ok(app.admin, APP, { id: appId }, c)).application, null);
    assert.deepEqual(await appIdsIn(c), []);
    await expectError(call(app.admin, UNREGISTER, { id: appId }, c), "NOT_FOUND");

    // As owner, the other tenant changes it too; deleting the object ends its shares.
    await ok(fetcherToken, SHARE, { in: { tenantID: b, resourceID: appId, resourceType: "APPLICATION", owner: true } });
    await ok(app.admin, UNREGISTER, { id: appId }, b);
    assert.equal(await app.db.application.count({ where: { id: appId } }), 0);
    assert.equal(await app.db.tenantAccess.count({ where: { objectId: appId } }), 0);
  });

  test("every kind may be shared: a runtime too", async () => {
    const [a, b] = [unique("rt-owner"), unique("rt-reader")];
    await writeTenants([mapping("a", a, "account"), mapping("b", b, "account")]);
    const runtimeId = (await ok(app.admin, `mutation { registerRuntime(in: {name: "shared-runtime"}) { id } }`, {}, a)).registerRuntime.id;
    const RUNTIME = `query($id: ID!) { runtime(id: $id) { id } }`;
    assert.equal((await ok(app.admin, RUNTIME, { id: runtimeId }, b)).runtime, null);
    await ok(fetcherToken, SHARE, { in: { tenantID: b, resourceID: runtimeId, resourceType: "RUNTIME", owner: false } });
    assert.equal((await ok(app.admin, RUNTIME, { id: runtimeId }, b)).runtime.id, runtimeId);
  });

  test("shares are checked: unknown tenant or object NOT_FOUND, its own tenant CONFLICT, long ids BAD_USER_INPUT", async () => {
    const a = unique("checks");
    await writeTenants([mapping("a", a, "account")]);
    const appId = await registerApp(a);
    const share = (input: Record<string, unknown>) =>
      call(fetcherToken, SHARE, { in: { tenantID: a, resourceID: appId, resourceType: "APPLICATION", owner: true, ...input } });
    await expectError(share({ tenantID: "no-such-tenant" }), "NOT_FOUND");
    await expectError(share({ resourceID: "no-such-app" }), "NOT_FOUND");
    await expectError(share({ resourceType: "RUNTIME" }), "NOT_FOUND");
    await expectError(share({}), "CONFLICT", "in.tenantID");
    // Runtime contexts are a kind now (Compass's TenantAccessObjectType has them): an application's id names none.
    await expectError(share({ resourceType: "RUNTIME_CONTEXT" }), "NOT_FOUND");
    await expectError(share({ resourceID: "x".repeat(10_000) }), "BAD_USER_INPUT", "in.resourceID");
    assert.equal(await app.db.tenantAccess.count({ where: { objectId: appId } }), 0);
  });
});
