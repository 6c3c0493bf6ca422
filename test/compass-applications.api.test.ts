/**
 * Issue 22: Kyma Compass's own application documents run unchanged. Each
 * document under test/fixtures/compass/examples/ is sent as Compass's e2e run
 * wrote it (test/compass-example-documents.ts swaps only the ids of Compass's
 * objects for this run's), over real HTTP, and the answer is checked as
 * Compass's tests/director/tests/application/application_api_test.go checks it:
 * fields, values and errors. Runs on SQLite and PostgreSQL.
 *
 * The documents select `Application.webhooks`, which the webhooks work adds
 * (graphql/webhook/); their webhooks are that work's to check.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Tenant } from "@/generated/prisma-sqlite/client";
import { createTenant } from "@/domain/tenants/tenant.service";
import { type Caller, auditEventsOf, ensureApplicationTemplate, recordSecret, setupTestApp } from "./harness";
import { exampleDocument, exampleDocumentInOrder } from "./compass-example-documents";

const app = await setupTestApp();
const base = await app.listen();

/** The id Compass's example generator writes for every object. */
const COMPASS_ID = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";

type Errors = { message: string; path?: string[]; extensions: Record<string, any> }[];
interface Answer {
  status: number;
  body: { data?: any; errors?: Errors };
}

let counter = 0;
async function newTenant(): Promise<Tenant> {
  return createTenant(app.db, app.admin.principal, { externalId: `compass-apps-${++counter}`, name: `Compass apps ${counter}` });
}

/** A document as a Compass client sends it: the text as is, no variables, the tenant in its header. */
async function send(document: string, tenant: Tenant, as: Caller | string = app.admin): Promise<Answer> {
  const token = typeof as === "string" ? as : as.token;
  const response = await fetch(`${base}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, tenant: tenant.externalId },
    body: JSON.stringify({ query: document }),
  });
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

async function ok(document: string, tenant: Tenant, as?: Caller | string) {
  const answer = await send(document, tenant, as);
  assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
  return answer.body.data;
}

function refused(answer: Answer, code: string, field?: string) {
  assert.equal(answer.body.errors?.length, 1, JSON.stringify(answer.body));
  const [error] = answer.body.errors!;
  assert.equal(error.extensions.code, code, error.message);
  if (field !== undefined) assert.equal(error.extensions.field, field, error.message);
  return error;
}

/** Our own documents, for the setup Compass's tests do with their fixtures. */
async function own(query: string, variables: Record<string, unknown>, tenant: Tenant, as: Caller = app.admin) {
  const response = await app.graphql(query, variables, { token: as.token, headers: { tenant: tenant.externalId } });
  assert.equal(response.body.errors, undefined, JSON.stringify(response.body.errors));
  return response.body.data as any;
}

async function register(tenant: Tenant, input: Record<string, unknown>): Promise<{ id: string; name: string }> {
  const data = await own(`mutation($in: ApplicationRegisterInput!) { r: registerApplication(in: $in) { id name } }`, { in: input }, tenant);
  return data.r;
}

async function setLabel(tenant: Tenant, kind: "Application" | "Runtime", id: string, key: string, value: unknown) {
  const idArg = kind === "Application" ? "applicationID" : "runtimeID";
  await own(
    `mutation($id: ID!, $key: String!, $value: Any!) { l: set${kind}Label(${idArg}: $id, key: $key, value: $value) { key } }`,
    { id, key, value },
    tenant,
  );
}

/** An application registered from a template, stored directly (test/compass-application-templates.api.test.ts registers through the API). */
async function fromTemplate(id: string, templateId: string) {
  await app.db.application.update({ where: { id }, data: { applicationTemplateId: await ensureApplicationTemplate(app.db, templateId) } });
}

const isTimestamp = (value: unknown) => typeof value === "string" && !Number.isNaN(Date.parse(value)) && value.endsWith("Z");

/** What Compass's assertions.AssertApplication and the domains still to come answer for every application here. */
function assertEmptyParts(application: any) {
  assert.deepEqual(application.bundles, { data: [], pageInfo: { startCursor: "", endCursor: "", hasNextPage: false }, totalCount: 0 });
  assert.deepEqual(application.integrationDependencies, {
    data: [],
    pageInfo: { startCursor: "", endCursor: "", hasNextPage: false },
    totalCount: 0,
  });
  // Operations come with an OPEN_RESOURCE_DISCOVERY webhook only (decision 0036).
  assert.deepEqual(application.operations, []);
  assert.deepEqual(application.eventingConfiguration, { defaultURL: "" });
}

describe("register-application", () => {
  test("register-application: every simple field is stored and answered (TestRegisterApplicationWithAllSimpleFieldsProvided)", async () => {
    const tenant = await newTenant();
    const data = await ok(exampleDocument("register-application", "register-application.graphql"), tenant);
    const result = data.result;
    assert.ok(result.id);
    assert.equal(result.name, "wordpress");
    assert.equal(result.providerName, "provider name");
    assert.equal(result.description, "my first wordpress application");
    assert.equal(result.healthCheckURL, "http://mywordpress.com/health");
    assert.deepEqual(result.labels, { applicationType: "SAP Cloud for Customer", group: ["production", "experimental"] });
    assert.equal(result.status.condition, "INITIAL");
    assert.ok(isTimestamp(result.status.timestamp), result.status.timestamp);
    for (const field of ["baseUrl", "systemNumber", "systemStatus", "integrationSystemID", "applicationTemplateID", "deletedAt", "error"]) {
      assert.equal(result[field], null, field);
    }
    assertEmptyParts(result);
    // Stored, not echoed: a read answers the same.
    const read = await ok(exampleDocument("query-application", "query-application.graphql", { [COMPASS_ID]: result.id }), tenant);
    assert.equal(read.result.providerName, "provider name");
    assert.equal(read.result.healthCheckURL, "http://mywordpress.com/health");
    assert.equal(read.result.status.condition, "INITIAL");
  });

  test("register-application-with-status: the condition given is stored (TestRegisterApplicationWithStatusCondition)", async () => {
    const tenant = await newTenant();
    const data = await ok(exampleDocument("register-application", "register-application-with-status.graphql"), tenant);
    assert.equal(data.result.status.condition, "CONNECTED");
    assert.equal(data.result.name, "wordpress");
    assert.equal(data.result.providerName, "provider name");
    const stored = await app.db.application.findUniqueOrThrow({ where: { id: data.result.id } });
    assert.equal(stored.statusCondition, "CONNECTED");
  });

  test("register-application-with-bundles (TestRegisterApplicationWithBundles): the application and its bundles, APIs, events and documents in one call", async () => {
    const tenant = await newTenant();
    const data = await send(exampleDocument("register-application", "register-application-with-bundles.graphql"), tenant);
    assert.equal(data.body.errors, undefined, JSON.stringify(data.body.errors));
    const registered = data.body.data.result;
    assert.equal(registered.name, "create-application-with-documents");
    const bundles = registered.bundles.data;
    assert.ok(bundles.length > 0);
    assert.equal(registered.bundles.totalCount, bundles.length);
    const foo = bundles.find((bundle: any) => bundle.name === "foo");
    assert.deepEqual(
      foo.apiDefinitions.data.map((api: any) => api.name),
      ["comments-v1-foo", "reviews-v1-foo", "xml-foo"],
    );
    assert.equal(foo.apiDefinitions.data[0].spec.data, '{"openapi":"3.0.2"}');
    // Fetched over plain http, which the operator has not allowed: recorded, and the registration stands.
    assert.equal(foo.apiDefinitions.data[1].spec.fetchRequest.status.condition, "FAILED");
    assert.equal(foo.eventDefinitions.totalCount, 2);
    assert.ok(foo.documents.totalCount > 0);
    assert.equal(await app.db.bundle.count({ where: { tenantId: tenant.id } }), bundles.length);
  });
});

describe("update-application", () => {
  test("Compass's update: no name, the fields given change, the status is set (TestUpdateApplication)", async () => {
    const tenant = await newTenant();
    const before = await register(tenant, { name: "before", providerName: "compass", description: "before", labels: { group: "g" } });
    const { result: data, events } = await auditEventsOf(app.db, () =>
      ok(exampleDocument("update-application", "update-application.graphql", { [COMPASS_ID]: before.id }), tenant),
    );
    const result = data.result;
    assert.equal(result.id, before.id);
    assert.equal(result.name, "before", "Compass's update input has no name: it stays");
    assert.equal(result.providerName, "after");
    assert.equal(result.description, "after");
    assert.equal(result.healthCheckURL, "https://kyma-project.io");
    assert.equal(result.baseUrl, "after");
    assert.equal(result.status.condition, "CONNECTED");
    assert.deepEqual(result.labels, { group: "g" }, "labels omitted: they stay");
    assert.deepEqual(
      events.map((event) => event.action),
      ["APPLICATION_UPDATED"],
    );
  });

  test("omitted fields stay; the condition, omitted, goes back to INITIAL as in Compass's SetFromUpdateInput", async () => {
    const tenant = await newTenant();
    const application = await register(tenant, { name: "keeps", providerName: "p", baseUrl: "http://b", statusCondition: "CONNECTED" });
    const data = await own(
      `mutation($id: ID!) { u: updateApplication(id: $id, in: { description: "d" }) { name providerName baseUrl description status { condition } } }`,
      { id: application.id },
      tenant,
    );
    assert.deepEqual(data.u, { name: "keeps", providerName: "p", baseUrl: "http://b", description: "d", status: { condition: "INITIAL" } });
  });
});

describe("query-application", () => {
  test("query-application answers the stored application; another tenant's is null", async () => {
    const tenant = await newTenant();
    const other = await newTenant();
    const application = await register(tenant, { name: "queried", baseUrl: "http://base.example", localTenantID: "lt-1" });
    const document = exampleDocument("query-application", "query-application.graphql", { [COMPASS_ID]: application.id });
    const data = await ok(document, tenant);
    assert.equal(data.result.id, application.id);
    assert.equal(data.result.name, "queried");
    assert.equal(data.result.baseUrl, "http://base.example");
    assertEmptyParts(data.result);
    assert.equal((await ok(document, other)).result, null);
  });

  test("query-application-by-local-tenant-id-and-app-template-id (TestGetApplicationByLocalTenantIDAndAppTemplateID)", async () => {
    const tenant = await newTenant();
    const templateId = "0190f7a4-0000-7000-8000-00000000beef";
    const application = await register(tenant, { name: "appName", localTenantID: "local-tenant-id-1234" });
    await register(tenant, { name: "same-local-id-no-template", localTenantID: "local-tenant-id-1234" });
    await fromTemplate(application.id, templateId);
    const document = exampleDocument("query-application", "query-application-by-local-tenant-id-and-app-template-id.graphql", {
      [COMPASS_ID]: templateId,
    });
    const data = await ok(document, tenant);
    assert.equal(data.result.id, application.id);
    assert.equal(data.result.name, "appName");
    assert.equal(data.result.applicationTemplateID, templateId);
    assert.equal(data.result.localTenantID, "local-tenant-id-1234");
    assert.equal((await ok(document, await newTenant())).result, null, "another tenant's is not found");
  });
});

describe("query-applications", () => {
  test("query-applications lists the tenant's applications with Compass's selection (TestQueryApplications)", async () => {
    const tenant = await newTenant();
    const first = await register(tenant, { name: "first", providerName: "p1" });
    const second = await register(tenant, { name: "second" });
    await register(await newTenant(), { name: "elsewhere" });
    const data = await ok(exampleDocument("query-applications", "query-applications.graphql"), tenant);
    assert.equal(data.result.totalCount, 2);
    assert.deepEqual(
      data.result.data.map((item: any) => [item.id, item.name, item.providerName]),
      [
        [first.id, "first", "p1"],
        [second.id, "second", null],
      ],
    );
    assert.equal(data.result.pageInfo.hasNextPage, false);
    for (const item of data.result.data) assertEmptyParts(item);
  });

  test('query-applications-with-label-filter keeps those with the label (first 5, after "")', async () => {
    const tenant = await newTenant();
    const labelled = await register(tenant, { name: "labelled", labels: { bar: "x" } });
    await register(tenant, { name: "plain" });
    const data = await ok(exampleDocument("query-applications", "query-applications-with-label-filter.graphql"), tenant);
    assert.deepEqual(
      data.result.data.map((item: any) => item.id),
      [labelled.id],
    );
    assert.equal(data.result.totalCount, 1);
    assert.deepEqual(data.result.data[0].labels, { bar: "x" });
  });

  test("query-applications-by-local-tenant-id-and-an-optional-filter (TestListApplicationsByLocalTenantID)", async () => {
    const tenant = await newTenant();
    const one = await register(tenant, { name: "app-one-name", localTenantID: "local-tenant-id-1234", labels: { applicationType: "SAP template one" } });
    await register(tenant, { name: "app-two-name", localTenantID: "local-tenant-id-1234", labels: { applicationType: "SAP template two" } });
    await register(tenant, { name: "app-other-local", localTenantID: "local-tenant-id-9", labels: { applicationType: "SAP template one" } });
    const data = await ok(exampleDocument("query-applications", "query-applications-by-local-tenant-id-and-an-optional-filter.graphql"), tenant);
    assert.equal(data.result.totalCount, 1);
    assert.equal(data.result.data.length, 1);
    assert.equal(data.result.data[0].id, one.id);
    assert.equal(data.result.data[0].name, "app-one-name");
    assert.equal(data.result.data[0].localTenantID, "local-tenant-id-1234");
    // Without the filter, both applications of the local tenant id (Compass's first assertion).
    const all = await own(
      `query { p: applicationsByLocalTenantID(localTenantID: "local-tenant-id-1234") { totalCount data { name localTenantID } } }`,
      {},
      tenant,
    );
    assert.equal(all.p.totalCount, 2);
    assert.deepEqual(all.p.data.map((item: any) => item.name).sort(), ["app-one-name", "app-two-name"]);
  });
});

/** A runtime's client credentials, and an access token for them from /oauth2/token. */
const runtimeToken = (tenant: Tenant, runtimeId: string) => objectToken(tenant, "Runtime", runtimeId);

/** An application's or a runtime's client credentials, and an access token for them from /oauth2/token. */
async function objectToken(tenant: Tenant, kind: "Application" | "Runtime", id: string): Promise<string> {
  const data = await own(
    `mutation($id: ID!) { c: requestClientCredentialsFor${kind}(id: $id) { auth { credential { ... on OAuthCredentialData { clientId clientSecret } } } } }`,
    { id },
    tenant,
  );
  const { clientId, clientSecret } = data.c.auth.credential;
  recordSecret(clientSecret);
  const response = await fetch(`${base}/oauth2/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64")}`,
    },
    body: new URLSearchParams({ grant_type: "client_credentials" }),
  });
  const body = (await response.json()) as { access_token: string };
  assert.equal(response.status, 200, JSON.stringify(body));
  recordSecret(body.access_token);
  return body.access_token;
}

async function registerRuntime(tenant: Tenant, name: string, scenarios?: string[]): Promise<string> {
  const data = await own(`mutation($in: RuntimeRegisterInput!) { r: registerRuntime(in: $in) { id } }`, { in: { name } }, tenant);
  if (scenarios) await setLabel(tenant, "Runtime", data.r.id, "scenarios", scenarios);
  return data.r.id;
}

describe("query-applications-for-runtime", () => {
  test("the applications in the runtime's scenarios, asked by the runtime itself (TestApplicationsForRuntime)", async () => {
    const tenant = await newTenant();
    const otherTenant = await newTenant();
    const scenarios = ["black-friday-campaign", "christmas-campaign", "summer-campaign"];
    const runtime = await registerRuntime(tenant, "unnormalized-runtime", scenarios);
    const expected: string[] = [];
    for (const [name, inScenarios] of [
      ["second", scenarios.slice(0, 1)],
      ["third", scenarios],
      ["allscenarios", scenarios],
    ] as const) {
      const application = await register(tenant, { name });
      await setLabel(tenant, "Application", application.id, "scenarios", inScenarios);
      expected.push(application.id);
    }
    await register(tenant, { name: "in-no-scenario" });
    const elsewhere = await register(tenant, { name: "other-scenario" });
    await setLabel(tenant, "Application", elsewhere.id, "scenarios", ["easter-campaign"]);
    const foreign = await register(otherTenant, { name: "test" });
    await setLabel(otherTenant, "Application", foreign.id, "scenarios", scenarios.slice(0, 1));

    const document = exampleDocument("query-applications-for-runtime", "query-applications-for-runtime.graphql", { [COMPASS_ID]: runtime });
    const token = await runtimeToken(tenant, runtime);
    const data = await ok(document, tenant, token);
    assert.deepEqual(
      data.result.data.map((item: any) => item.id),
      expected,
    );
    assert.equal(data.result.totalCount, 3);
    assert.equal(data.result.pageInfo.hasNextPage, false);
    for (const item of data.result.data) assertEmptyParts(item);
    // An admin may ask for any runtime of the tenant; another runtime's token may not.
    assert.deepEqual(
      (await ok(document, tenant)).result.data.map((item: any) => item.id),
      expected,
    );
    const otherRuntime = await registerRuntime(tenant, "other-runtime", scenarios);
    refused(await send(document, tenant, await runtimeToken(tenant, otherRuntime)), "FORBIDDEN");
  });

  test("a runtime in no scenario sees none; an unknown runtime is BAD_USER_INPUT; paging holds", async () => {
    const tenant = await newTenant();
    const lonely = await registerRuntime(tenant, "lonely");
    const application = await register(tenant, { name: "in-a" });
    await setLabel(tenant, "Application", application.id, "scenarios", ["a"]);
    const empty = await ok(exampleDocument("query-applications-for-runtime", "query-applications-for-runtime.graphql", { [COMPASS_ID]: lonely }), tenant);
    assert.deepEqual(empty.result.data, []);
    assert.equal(empty.result.totalCount, 0);
    refused(await send(exampleDocument("query-applications-for-runtime", "query-applications-for-runtime.graphql"), tenant), "BAD_USER_INPUT", "runtimeID");

    const runtime = await registerRuntime(tenant, "busy", ["a", "b"]);
    const ids = [application.id];
    for (let i = 0; i < 4; i++) {
      const more = await register(tenant, { name: `more-${i}` });
      await setLabel(tenant, "Application", more.id, "scenarios", [i % 2 ? "a" : "b"]);
      ids.push(more.id);
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await own(
        `query($rt: ID!, $after: PageCursor) { p: applicationsForRuntime(runtimeID: $rt, first: 2, after: $after) { data { id } pageInfo { endCursor hasNextPage } } }`,
        { rt: runtime, after },
        tenant,
      );
      seen.push(...page.p.data.map((item: any) => item.id));
      if (!page.p.pageInfo.hasNextPage) break;
      after = page.p.pageInfo.endCursor;
    }
    assert.deepEqual(seen, ids);
  });
});

describe("unregister-application and unpair-application", () => {
  test("unregister-application answers the application and removes it (TestDeleteApplication)", async () => {
    const tenant = await newTenant();
    const application = await register(tenant, { name: "app", providerName: "compass" });
    const data = await send(exampleDocument("unregister-application", "unregister-application.graphql", { [COMPASS_ID]: application.id }), tenant);
    assert.equal(data.body.errors, undefined, JSON.stringify(data.body.errors));
    assert.equal(data.body.data.unregisterApplication.id, application.id);
    assert.equal(data.body.data.unregisterApplication.providerName, "compass");
    assert.equal(await app.db.application.count({ where: { id: application.id } }), 0);
  });

  test("unregister-application is refused while the application is in a scenario, with or without a runtime there (TestDeleteApplication)", async () => {
    const tenant = await newTenant();
    const application = await register(tenant, { name: "first" });
    await setLabel(tenant, "Application", application.id, "scenarios", ["test-scenario"]);
    const document = exampleDocument("unregister-application", "unregister-application.graphql", { [COMPASS_ID]: application.id });
    let error = refused(await send(document, tenant), "CONFLICT", "id");
    assert.equal(error.message, "System first is part of the following formations : test-scenario");
    await registerRuntime(tenant, "one-runtime", ["test-scenario"]);
    error = refused(await send(document, tenant), "CONFLICT", "id");
    assert.equal(error.message, "System first is part of the following formations : test-scenario");
    assert.equal(await app.db.application.count({ where: { id: application.id } }), 1, "still there");
    await own(`mutation($id: ID!) { deleteApplicationLabel(applicationID: $id, key: "scenarios") { key } }`, { id: application.id }, tenant);
    await ok(document, tenant);
    assert.equal(await app.db.application.count({ where: { id: application.id } }), 0);
  });

  test("unpair-application puts the status back to INITIAL (TestUnpairApplication, Success)", async () => {
    const tenant = await newTenant();
    const application = await register(tenant, { name: "app", statusCondition: "CONNECTED" });
    const document = exampleDocument("unpair-application", "unpair-application.graphql", { [COMPASS_ID]: application.id });
    const { result: answer, events } = await auditEventsOf(app.db, () => send(document, tenant));
    assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
    assert.equal(answer.body.data.unpairApplication.id, application.id);
    assert.equal(answer.body.data.unpairApplication.status.condition, "INITIAL");
    assert.deepEqual(
      events.map((event) => event.action),
      ["APPLICATION_UNPAIRED"],
    );
  });

  test("unpair: in a scenario without a runtime it succeeds; with a runtime it is refused in Compass's words", async () => {
    const tenant = await newTenant();
    const application = await register(tenant, { name: "first", statusCondition: "CONNECTED" });
    await setLabel(tenant, "Application", application.id, "scenarios", ["test-scenario"]);
    const document = exampleDocument("unpair-application", "unpair-application.graphql", { [COMPASS_ID]: application.id });
    await ok(document, tenant);
    await registerRuntime(tenant, "one-runtime", ["test-scenario"]);
    await own(`mutation($id: ID!) { updateApplication(id: $id, in: { statusCondition: CONNECTED }) { id } }`, { id: application.id }, tenant);
    const error = refused(await send(document, tenant), "CONFLICT");
    assert.equal(
      error.message,
      "System first is still used and cannot be deleted. Unassign the system from the following formations first: test-scenario. Then, unassign the system from the following runtimes, too: one-runtime",
    );
    assert.equal((await app.db.application.findUniqueOrThrow({ where: { id: application.id } })).statusCondition, "CONNECTED", "unchanged");
  });
});

describe("merge-applications", () => {
  const TEMPLATE = "0190f7a4-0000-7000-8000-000000000001";

  async function pair(tenant: Tenant) {
    const source = await register(tenant, {
      name: "app1-e2e-merge",
      baseUrl: "http://base.com",
      providerName: "test-provider",
      healthCheckURL: "http://health.com",
      description: "app description",
    });
    const destination = await register(tenant, { name: "app2-e2e-merge", baseUrl: "http://base.com/", description: "" });
    return { source, destination };
  }

  test("merge-applications: the destination takes what it lacks from the source, which is unregistered (TestMergeApplications)", async () => {
    const tenant = await newTenant();
    const { source, destination } = await pair(tenant);
    await fromTemplate(source.id, TEMPLATE);
    await fromTemplate(destination.id, TEMPLATE);
    await setLabel(tenant, "Application", source.id, "managed", "true");
    await setLabel(tenant, "Application", source.id, "scc", "cloud connector");
    await setLabel(tenant, "Application", destination.id, "scenarios", ["formation-merge-applications-e2e"]);
    const document = exampleDocumentInOrder("merge-applications", "merge-applications.graphql", COMPASS_ID, [source.id, destination.id]);
    const { result: data, events } = await auditEventsOf(app.db, () => ok(document, tenant));
    const merged = data.result;
    assert.equal(merged.id, destination.id);
    assert.equal(merged.name, "app2-e2e-merge");
    assert.equal(merged.description, "app description");
    assert.equal(merged.healthCheckURL, "http://health.com");
    assert.equal(merged.providerName, "test-provider");
    assert.equal(merged.labels.managed, "true");
    assert.equal(merged.labels.scc, "cloud connector");
    assert.ok(merged.labels.scenarios.includes("formation-merge-applications-e2e"));
    const read = await ok(exampleDocument("query-application", "query-application.graphql", { [COMPASS_ID]: source.id }), tenant);
    assert.equal(read.result, null, "the source is gone");
    assert.deepEqual(events.map((event) => event.action).sort(), ["APPLICATION_MERGED", "APPLICATION_UNREGISTERED"]);
  });

  test("merge is refused without the same template, with another baseUrl, a source in a scenario or not INITIAL, and into itself", async () => {
    const tenant = await newTenant();
    const { source, destination } = await pair(tenant);
    const document = exampleDocumentInOrder("merge-applications", "merge-applications.graphql", COMPASS_ID, [source.id, destination.id]);
    const unchanged = async () => [
      await app.db.application.count({ where: { tenantId: tenant.id } }),
      await app.db.label.count({ where: { tenantId: tenant.id } }),
    ];
    const before = await unchanged();

    let error = refused(await send(document, tenant), "BAD_USER_INPUT", "sourceID");
    assert.equal(error.message, "Application templates are not the same. Destination app template: . Source app template: ");
    await fromTemplate(source.id, TEMPLATE);
    await fromTemplate(destination.id, `${TEMPLATE.slice(0, -1)}2`);
    refused(await send(document, tenant), "BAD_USER_INPUT", "sourceID");
    await fromTemplate(destination.id, TEMPLATE);

    await app.db.application.update({ where: { id: destination.id }, data: { baseUrl: "http://other.com" } });
    error = refused(await send(document, tenant), "BAD_USER_INPUT", "sourceID");
    assert.match(error.message, /^BaseURL for applications .* are not the same/);
    await app.db.application.update({ where: { id: destination.id }, data: { baseUrl: "http://base.com" } });

    await own(`mutation($id: ID!) { updateApplication(id: $id, in: { statusCondition: CONNECTED }) { id } }`, { id: source.id }, tenant);
    error = refused(await send(document, tenant), "CONFLICT", "sourceID");
    assert.equal(error.message, `Cannot merge application with id ${source.id}, because it is in a CONNECTED status`);
    await own(`mutation($id: ID!) { unpairApplication(id: $id) { id } }`, { id: source.id }, tenant);

    await setLabel(tenant, "Application", source.id, "scenarios", ["s1"]);
    error = refused(await send(document, tenant), "CONFLICT", "sourceID");
    assert.equal(error.message, "System app1-e2e-merge is part of the following formations : s1");
    await own(`mutation($id: ID!) { deleteApplicationLabel(applicationID: $id, key: "scenarios") { key } }`, { id: source.id }, tenant);

    refused(await send(exampleDocument("merge-applications", "merge-applications.graphql", { [COMPASS_ID]: source.id }), tenant), "BAD_USER_INPUT", "sourceID");
    assert.deepEqual(await unchanged(), before, "nothing merged or deleted");
  });

  test("merge-applications-with-self-register-distinguish-label-key: refused, the source kept (templates and their labels arrive later)", async () => {
    // Compass refuses because the template carries its self-register label; without templates here,
    // the two applications share none, which Compass refuses too: the test checks the refusal and the kept source.
    const tenant = await newTenant();
    const { source, destination } = await pair(tenant);
    const document = exampleDocumentInOrder(
      "merge-applications-with-self-register-distinguish-label-key",
      "merge-applications-with-self-register-distinguish-label-key.graphql",
      COMPASS_ID,
      [source.id, destination.id],
    );
    refused(await send(document, tenant), "BAD_USER_INPUT", "sourceID");
    const read = await ok(exampleDocument("query-application", "query-application.graphql", { [COMPASS_ID]: source.id }), tenant);
    assert.equal(read.result.id, source.id, "the source is not deleted");
  });
});

describe("set-application-label and delete-application-label", () => {
  test("set-application-label, then delete-application-label (TestUpdateApplicationParts)", async () => {
    const tenant = await newTenant();
    const application = await register(tenant, { name: "labelled" });
    const set = await ok(exampleDocument("set-application-label", "set-application-label.graphql", { [COMPASS_ID]: application.id }), tenant);
    assert.deepEqual(set.result, { key: "brand_new_label", value: ["aaa", "bbb"] });
    const deleted = await ok(exampleDocument("delete-application-label", "delete-application-label.graphql", { [COMPASS_ID]: application.id }), tenant);
    assert.deepEqual(deleted.result, { key: "brand_new_label", value: ["aaa", "bbb"] });
    assert.equal(await app.db.label.count({ where: { objectId: application.id } }), 0);
  });

  test("a blank label key gets Compass's message, key=cannot be blank", async () => {
    const tenant = await newTenant();
    const application = await register(tenant, { name: "blank" });
    const response = await app.graphql(
      `mutation($id: ID!) { setApplicationLabel(applicationID: $id, key: "", value: "v") { key } }`,
      { id: application.id },
      { token: app.admin.token, headers: { tenant: tenant.externalId } },
    );
    assert.equal(response.body.errors?.[0].extensions.code, "BAD_USER_INPUT");
    assert.match(response.body.errors![0].message, /key=cannot be blank/);
  });
});

describe("validation, bounds and authorization", () => {
  const REGISTER = `mutation($in: ApplicationRegisterInput!) { r: registerApplication(in: $in) { id } }`;
  const UPDATE = `mutation($id: ID!, $in: ApplicationUpdateInput!) { u: updateApplication(id: $id, in: $in) { id } }`;

  async function refusedWithoutChange(tenant: Tenant, query: string, variables: Record<string, unknown>, field: string, as: Caller = app.admin) {
    const before = await app.db.application.findMany({ where: { tenantId: tenant.id }, orderBy: { id: "asc" } });
    const response = await app.graphql(query, variables, { token: as.token, headers: { tenant: tenant.externalId } });
    assert.equal(response.body.errors?.[0].extensions.code, "BAD_USER_INPUT", JSON.stringify(response.body));
    assert.equal(response.body.errors![0].extensions.field, field);
    assert.deepEqual(await app.db.application.findMany({ where: { tenantId: tenant.id }, orderBy: { id: "asc" } }), before);
  }

  test("Compass's fields are checked as its app_validation.go checks them, on register and update", async () => {
    const tenant = await newTenant();
    const long = "x".repeat(257);
    for (const [field, value] of [
      ["providerName", long],
      ["baseUrl", long],
      ["applicationNamespace", long],
      ["localTenantID", long],
      ["healthCheckURL", `http://example.com/${"x".repeat(240)}`],
      ["healthCheckURL", "not a url"],
      ["healthCheckURL", "javascript:alert(1)"],
      ["healthCheckURL", "file:///etc/passwd"],
      ["description", "d".repeat(2001)],
    ] as const) {
      await refusedWithoutChange(tenant, REGISTER, { in: { name: "bounded", [field]: value } }, `in.${field}`);
    }
    const application = await register(tenant, { name: "bounded", providerName: "p".repeat(256), healthCheckURL: "https://example.com/health" });
    await refusedWithoutChange(tenant, UPDATE, { id: application.id, in: { providerName: long } }, "in.providerName");
    await refusedWithoutChange(tenant, UPDATE, { id: application.id, in: { healthCheckURL: "ftp://example.com" } }, "in.healthCheckURL");
    await refusedWithoutChange(tenant, UPDATE, { id: application.id, in: { name: "" } }, "in.name");
    // TestUpdateApplicationWithNonExistentIntegrationSystem: refused, not ignored; naming the one it has is fine.
    await refusedWithoutChange(
      tenant,
      UPDATE,
      { id: application.id, in: { integrationSystemID: "0190f7a4-0000-7000-8000-00000000dead" } },
      "in.integrationSystemID",
    );
    const badEnum = await app.graphql(
      UPDATE,
      { id: application.id, in: { statusCondition: "PROVISIONING" } },
      { token: app.admin.token, headers: { tenant: tenant.externalId } },
    );
    assert.ok(badEnum.body.errors?.length, "an unknown condition is refused by the schema");
    // A bundle the application is registered with is checked with it: one bad nested field refuses it all.
    await refusedWithoutChange(
      tenant,
      REGISTER,
      { in: { name: "with-bundles", bundles: [{ name: "b", apiDefinitions: [{ name: "api", targetURL: "" }] }] } },
      "in.bundles[0].apiDefinitions[0].targetURL",
    );
    assert.equal(await app.db.bundle.count({ where: { tenantId: tenant.id } }), 0);
    await register(tenant, { name: "empty-bundles", bundles: [] });
  });

  test("the scenarios label is a non-empty list of unique scenario names, narrowed by its label definition", async () => {
    const tenant = await newTenant();
    const application = await register(tenant, { name: "scenarios" });
    const SET = `mutation($id: ID!, $value: Any!) { setApplicationLabel(applicationID: $id, key: "scenarios", value: $value) { key } }`;
    for (const value of ["DEFAULT", [], ["a", "a"], ["-leading"], ["x".repeat(129)], [1], Array.from({ length: 51 }, (_, i) => `s${i}`)]) {
      const response = await app.graphql(SET, { id: application.id, value }, { token: app.admin.token, headers: { tenant: tenant.externalId } });
      assert.equal(response.body.errors?.[0].extensions.code, "BAD_USER_INPUT", `${JSON.stringify(value)}: ${JSON.stringify(response.body)}`);
    }
    await refusedWithoutChange(tenant, REGISTER, { in: { name: "bad-scenarios", labels: { scenarios: "DEFAULT" } } }, "in.labels.scenarios");
    await setLabel(tenant, "Application", application.id, "scenarios", ["black friday", "summer_campaign"]);
    // Compass's own definition of the key (create-label-definition's schema): only the scenarios the tenant has.
    await own(
      `mutation($in: LabelDefinitionInput!) { createLabelDefinition(in: $in) { key } }`,
      {
        in: {
          key: "scenarios",
          schema: JSON.stringify({
            items: { enum: ["black friday", "summer_campaign", "test-scenario"], type: "string" },
            minItems: 1,
            type: "array",
            uniqueItems: true,
          }),
        },
      },
      tenant,
    );
    await setLabel(tenant, "Application", application.id, "scenarios", ["test-scenario"]);
    const outside = await app.graphql(SET, { id: application.id, value: ["unknown"] }, { token: app.admin.token, headers: { tenant: tenant.externalId } });
    assert.equal(outside.body.errors?.[0].extensions.code, "BAD_USER_INPUT");
    // The definition itself keeps Compass's shape: a list from an enum of scenario names.
    for (const schema of [
      null,
      "true",
      `{"type":"string"}`,
      `{"type":"array","items":{"type":"string"}}`,
      `{"type":"array","items":{"type":"string","enum":["-bad"]}}`,
    ]) {
      const refusedDefinition = await app.graphql(
        `mutation($schema: JSONSchema) { updateLabelDefinition(in: { key: "scenarios", schema: $schema }) { key } }`,
        { schema },
        { token: app.admin.token, headers: { tenant: tenant.externalId } },
      );
      assert.deepEqual(
        [refusedDefinition.body.errors?.[0].extensions.code, refusedDefinition.body.errors?.[0].extensions.field],
        ["BAD_USER_INPUT", "in.schema"],
        `${schema}: ${JSON.stringify(refusedDefinition.body)}`,
      );
    }
  });

  test("local tenant ids are bounded; blank is Compass's message", async () => {
    const tenant = await newTenant();
    for (const localTenantID of ["", "   ", "l".repeat(257)]) {
      const response = await app.graphql(
        `query($l: String!) { applicationsByLocalTenantID(localTenantID: $l) { totalCount } }`,
        { l: localTenantID },
        { token: app.admin.token, headers: { tenant: tenant.externalId } },
      );
      assert.equal(response.body.errors?.[0].extensions.code, "BAD_USER_INPUT", JSON.stringify(response.body));
      assert.equal(response.body.errors![0].extensions.field, "localTenantID");
    }
  });

  test("viewers list a runtime's applications but neither unpair nor merge", async () => {
    const tenant = await newTenant();
    const application = await register(tenant, { name: "guarded" });
    const runtime = await registerRuntime(tenant, "rt", ["s"]);
    const as = (caller: Caller, query: string, variables: Record<string, unknown>) =>
      app.graphql(query, variables, { token: caller.token, headers: { tenant: tenant.externalId } });
    const forbidden = async (caller: Caller, query: string, variables: Record<string, unknown>) => {
      const response = await as(caller, query, variables);
      assert.equal(response.body.errors?.[0].extensions.code, "FORBIDDEN", JSON.stringify(response.body));
    };
    await forbidden(app.viewer, `mutation($id: ID!) { unpairApplication(id: $id) { id } }`, { id: application.id });
    await forbidden(app.viewer, `mutation($id: ID!) { mergeApplications(destinationID: $id, sourceID: $id) { id } }`, { id: application.id });
    const read = await as(app.viewer, `query($rt: ID!) { applicationsForRuntime(runtimeID: $rt) { totalCount } }`, { rt: runtime });
    assert.equal(read.body.errors, undefined, JSON.stringify(read.body.errors));
  });

  test("an application's own token makes none of the look-ups across applications", async () => {
    const tenant = await newTenant();
    const application = await register(tenant, { name: "looker", localTenantID: "lt" });
    await fromTemplate(application.id, "t-1");
    const runtime = await registerRuntime(tenant, "rt", ["s"]);
    const token = await objectToken(tenant, "Application", application.id);
    for (const query of [
      `{ applicationsByLocalTenantID(localTenantID: "lt") { totalCount } }`,
      `{ applicationByLocalTenantIDAndAppTemplateID(localTenantID: "lt", applicationTemplateID: "t-1") { id } }`,
      `{ applicationByLocalTenantIDAndAppTemplateID(localTenantID: "none", applicationTemplateID: "t-1") { id } }`,
      `{ applicationsForRuntime(runtimeID: "${runtime}") { totalCount } }`,
    ]) {
      refused(await send(query, tenant, token), "FORBIDDEN");
    }
  });
});
