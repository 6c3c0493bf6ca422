/**
 * Issue 23: Kyma Compass's own documents for what an application offers
 * (bundles, API and event definitions, documents, specs, integration
 * dependencies; test/fixtures/compass/examples, verbatim but for the ids of
 * this run's objects), sent as a Compass client sends them and checked for
 * what Compass's e2e tests check of their answers: tests/director/tests/
 * bundle_api_test.go, api_def_test.go, event_api_def_test.go,
 * integration_dependency_test.go, fetch_request_test.go, with
 * tests/pkg/assertions (AssertBundle, AssertAPI, AssertEventsAPI,
 * AssertDocuments, AssertFetchRequest, AssertAuth, AssertVersion).
 *
 * The bundle-instance-auth documents are in test/compass-instance-auths.api.test.ts.
 * Runs on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createTenant } from "@/domain/tenants/tenant.service";
import { exampleDocument } from "./compass-example-documents";
import { setupTestApp } from "./harness";

const app = await setupTestApp();
const base = await app.listen();

/** Compass's example writer made every id this placeholder. */
const ID = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";

interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; path?: string[]; extensions: Record<string, any> }[] };
}

let tenants = 0;
const newTenant = async () =>
  (await createTenant(app.db, app.admin.principal, { externalId: `compass-catalog-${++tenants}`, name: `Compass catalog ${tenants}` })).externalId;

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

/** The example's `result`, with Compass's placeholder ids replaced in order. */
const example = async (folder: string, tenant: string, ids: string | readonly string[] = []) =>
  (await ok(exampleDocument(folder, `${folder}.graphql`, typeof ids === "string" || ids.length ? { [ID]: ids } : {}), tenant)).result;

/** Compass's fixtures.RegisterApplication(name): our own document. */
async function registerApplication(tenant: string, name: string, baseUrl?: string): Promise<string> {
  const data = await ok(`mutation($in: ApplicationRegisterInput!) { r: registerApplication(in: $in) { id } }`, tenant, { in: { name, baseUrl } });
  return data.r.id;
}

const BUNDLE_FIELDS = `id name description instanceAuthRequestInputSchema`;
async function createBundle(tenant: string, appID: string, name: string): Promise<string> {
  const data = await ok(`mutation($app: ID!, $in: BundleCreateInput!) { r: addBundle(applicationID: $app, in: $in) { ${BUNDLE_FIELDS} } }`, tenant, {
    app: appID,
    in: { name },
  });
  return data.r.id;
}

/** Compass's FixAPIDefinitionInputWithName / FixEventAPIDefinitionInput / FixDocumentInput, through our own documents. */
const addApi = async (tenant: string, bundleID: string, name: string) =>
  (
    await ok(`mutation($b: ID!, $in: APIDefinitionInput!) { r: addAPIDefinitionToBundle(bundleID: $b, in: $in) { id } }`, tenant, {
      b: bundleID,
      in: { name, targetURL: "https://target.url", spec: { type: "OPEN_API", format: "JSON", data: '{"openapi":"3.0.1"}' } },
    })
  ).r.id as string;
const addEvent = async (tenant: string, bundleID: string, name: string) =>
  (
    await ok(`mutation($b: ID!, $in: EventDefinitionInput!) { r: addEventDefinitionToBundle(bundleID: $b, in: $in) { id } }`, tenant, {
      b: bundleID,
      in: { name, spec: { type: "ASYNC_API", format: "YAML", data: "asyncapi: 2.0.0" } },
    })
  ).r.id as string;
const addDocument = async (tenant: string, bundleID: string, title: string) =>
  (
    await ok(`mutation($b: ID!, $in: DocumentInput!) { r: addDocumentToBundle(bundleID: $b, in: $in) { id } }`, tenant, {
      b: bundleID,
      in: { title, displayName: "display-name", description: "Detailed description of project", format: "MARKDOWN", data: "# Hello" },
    })
  ).r.id as string;

const applicationBaseUrl = async (tenant: string, id: string) =>
  (await ok(`query($id: ID!) { application(id: $id) { baseUrl } }`, tenant, { id })).application.baseUrl as string | null;

/** AssertFetchRequest and AssertAuth for the fetch requests Compass's examples send (mode BUNDLE, basic credential, headers and query parameters). */
function assertBasicFetchRequest(actual: any, url: string, filter: string) {
  assert.equal(actual.url, url);
  assert.equal(actual.filter, filter);
  assert.equal(actual.mode, "BUNDLE");
  assert.deepEqual(actual.auth.credential, { username: "admin", password: "secret" });
  assert.deepEqual(actual.auth.additionalHeaders, { "header-A": ["ha1", "ha2"], "header-B": ["hb1", "hb2"] });
  assert.deepEqual(actual.auth.additionalQueryParams, { qA: ["qa1", "qa2"], qB: ["qb1", "qb2"] });
}

describe("Compass's bundle documents (bundle_api_test.go)", () => {
  test("TestAddBundle: add-bundle with its APIs, events and documents, then query-bundle; the app takes its first API's origin as base URL", async () => {
    const tenant = await newTenant();
    const appID = await registerApplication(tenant, "app-test-bundle");
    const bundle = await example("add-bundle", tenant, appID);
    assert.match(bundle.id, /\S/);
    // AssertBundle
    assert.equal(bundle.name, "bndl-app-1");
    assert.equal(bundle.description, "Foo bar");
    assert.equal(bundle.defaultInstanceAuth, null);
    assert.deepEqual(
      bundle.apiDefinitions.data.map((api: any) => api.name),
      ["comments-v1", "reviews-v1", "xml"],
    );
    const [comments, reviews, xml] = bundle.apiDefinitions.data;
    assert.equal(comments.description, "api for adding comments");
    assert.equal(comments.targetURL, "http://mywordpress.com/comments");
    assert.equal(comments.group, "comments");
    assert.deepEqual(comments.version, { value: "1.0.0", deprecated: true, deprecatedSince: "v5", forRemoval: false });
    assert.deepEqual([comments.spec.data, comments.spec.format, comments.spec.type], ['{"openapi":"3.0.2"}', "YAML", "OPEN_API"]);
    assert.equal(comments.spec.fetchRequest, null);
    assert.deepEqual([reviews.spec.data, reviews.spec.format, reviews.spec.type], [null, "JSON", "ODATA"]);
    assertBasicFetchRequest(reviews.spec.fetchRequest, "http://mywordpress.com/apis", "odata.json");
    // Plain http is refused unless the operator allows it: recorded on the request, not an error.
    assert.equal(reviews.spec.fetchRequest.status.condition, "FAILED");
    assert.match(reviews.spec.fetchRequest.status.message, /\S/);
    assert.deepEqual([xml.spec.data, xml.spec.format, xml.spec.type, xml.version], ["odata", "XML", "ODATA", null]);
    assert.equal(bundle.apiDefinitions.totalCount, 3);

    const [commentEvents, reviewEvents] = bundle.eventDefinitions.data;
    assert.equal(bundle.eventDefinitions.totalCount, 2);
    assert.deepEqual([commentEvents.name, commentEvents.group, commentEvents.description], ["comments-v1", "comments", "comments events"]);
    assert.deepEqual([commentEvents.spec.data, commentEvents.spec.type, commentEvents.spec.format], ['{"asyncapi":"1.2.0"}', "ASYNC_API", "YAML"]);
    assert.equal(reviewEvents.spec.data, null);
    assert.deepEqual(reviewEvents.spec.fetchRequest.auth.credential, { clientId: "clientid", clientSecret: "grazynasecret", url: "url.net" });
    assert.equal(reviewEvents.spec.fetchRequest.filter, "async.json");

    const [readme, troubleshooting] = bundle.documents.data;
    assert.equal(bundle.documents.totalCount, 2);
    assert.deepEqual(
      [readme.title, readme.displayName, readme.description, readme.format, readme.kind, readme.data],
      ["Readme", "display-name", "Detailed description of project", "MARKDOWN", null, null],
    );
    assertBasicFetchRequest(readme.fetchRequest, "kyma-project.io", "/docs/README.md");
    assert.deepEqual(
      [troubleshooting.title, troubleshooting.data, troubleshooting.fetchRequest],
      ["Troubleshooting", "No problems, everything works on my machine", null],
    );

    const read = await example("query-bundle", tenant, [appID, bundle.id]);
    assert.equal(read.bundle.id, bundle.id);
    assert.deepEqual(
      read.bundle.apiDefinitions.data.map((api: any) => api.id),
      bundle.apiDefinitions.data.map((api: any) => api.id),
    );
    assert.equal(read.bundle.documents.totalCount, 2);
    // Compass's `group` argument: only that API group's definitions.
    const grouped = await ok(
      `query($a: ID!, $b: ID!) { application(id: $a) { bundle(id: $b) { apiDefinitions(group: "comments") { totalCount data { name } } } } }`,
      tenant,
      {
        a: appID,
        b: bundle.id,
      },
    );
    assert.deepEqual(grouped.application.bundle.apiDefinitions, { totalCount: 1, data: [{ name: "comments-v1" }] });
    // Compass: an application without a base URL takes its first API's scheme and host.
    assert.equal(read.baseUrl, "http://mywordpress.com");
  });

  test("TestAddBundleForApplicationWithAlreadySetBaseURL: the application keeps its base URL", async () => {
    const tenant = await newTenant();
    const appID = await registerApplication(tenant, "app-with-base-url", "https://compass.kyma.local/api");
    await example("add-bundle", tenant, appID);
    assert.equal(await applicationBaseUrl(tenant, appID), "https://compass.kyma.local/api");
  });

  test("TestQueryBundles, TestUpdateBundle, TestDeleteBundle: query-bundles, update-bundle, delete-bundle", async () => {
    const tenant = await newTenant();
    const appID = await registerApplication(tenant, "app-test-bundle");
    const first = await createBundle(tenant, appID, "bndl-app-1");
    await createBundle(tenant, appID, "bndl-app-2");
    const app = await example("query-bundles", tenant, appID);
    assert.equal(app.bundles.data.length, 2);
    assert.equal(app.bundles.totalCount, 2);

    const updated = await example("update-bundle", tenant, first);
    assert.equal(updated.id, first);
    assert.equal(updated.name, "bndl-app-1-up");

    const api = await addApi(tenant, first, "inside");
    const deleted = await example("delete-bundle", tenant, first);
    assert.equal(deleted.id, first);
    // Its API definitions go with it.
    assert.equal(
      (await ok(`query($id: ID!) { application(id: $id) { apiDefinition(id: "${api}") { id } } }`, tenant, { id: appID })).application.apiDefinition,
      null,
    );
    assert.equal((await example("query-bundles", tenant, appID)).bundles.totalCount, 1);
  });
});

describe("Compass's API definition documents (bundle_api_test.go, api_def_test.go)", () => {
  test("TestAddAPIToBundle: add-api-definition-to-bundle; a failed fetch is recorded on the spec", async () => {
    const tenant = await newTenant();
    const appID = await registerApplication(tenant, "app-test-bundle");
    const bundleID = await createBundle(tenant, appID, "test-bundle");
    const api = await example("add-api-definition-to-bundle", tenant, bundleID);
    assert.equal(api.name, "new-api-name");
    assert.equal(api.targetURL, "https://target.url");
    assert.deepEqual([api.spec.type, api.spec.format, api.spec.data], ["OPEN_API", "JSON", null]);
    assert.equal(api.spec.fetchRequest.url, "https://foo.bar");
    assert.equal(api.spec.fetchRequest.mode, "SINGLE");
    assert.equal(api.spec.fetchRequest.auth, null);
    assert.equal(api.spec.fetchRequest.status.condition, "FAILED");
    assert.equal(await applicationBaseUrl(tenant, appID), "https://target.url");
  });

  test("TestManageAPIInBundle: update-api-definition, delete-api-definition", async () => {
    const tenant = await newTenant();
    const appID = await registerApplication(tenant, "app-test-bundle");
    const bundleID = await createBundle(tenant, appID, "test-bundle");
    const apiID = await addApi(tenant, bundleID, "old-name");
    const updated = await example("update-api-definition", tenant, apiID);
    assert.equal(updated.id, apiID);
    assert.equal(updated.name, "new-name");
    const deleted = await example("delete-api-definition", tenant, apiID);
    assert.equal(deleted.id, apiID);
  });

  test("TestAPIDefinitionInBundle and TestAPIDefinitionsInBundle: query-api-definition, query-api-definitions", async () => {
    const tenant = await newTenant();
    const appID = await registerApplication(tenant, "app-test-bundle");
    const bundleID = await createBundle(tenant, appID, "test-bundle");
    const apiID = await addApi(tenant, bundleID, "comments-v1");
    await addApi(tenant, bundleID, "reviews-v1");
    const one = await example("query-api-definition", tenant, [appID, bundleID, apiID]);
    assert.equal(one.bundle.apiDefinition.id, apiID);
    const all = await example("query-api-definitions", tenant, [appID, bundleID]);
    assert.equal(all.bundle.apiDefinitions.totalCount, 2);
  });

  test("TestAddAPIDefinitionToApplication, TestUpdateAPIDefinitionToApplication, apisForApplication (api_def_test.go)", async () => {
    const tenant = await newTenant();
    const appID = await registerApplication(tenant, "app-api-def");
    const api = await example("add-api-definition-to-application", tenant, appID);
    assert.equal(api.name, "new-api-name");
    assert.equal(api.spec.fetchRequest.url, "https://foo.bar");
    const updated = await example("update-api-definition-to-application", tenant, api.id);
    assert.equal(updated.id, api.id);
    assert.equal(updated.name, "TestUpdatePIDefinitionToApplication");
    // apisForApplication holds those in bundles too.
    const bundleID = await createBundle(tenant, appID, "bundle");
    await addApi(tenant, bundleID, "bundled");
    const page = await example("query-api-definition-for-application", tenant, appID);
    assert.equal(page.totalCount, 2);
    assert.deepEqual(page.data.map((row: any) => row.name).sort(), ["TestUpdatePIDefinitionToApplication", "bundled"]);
  });

  test("refetch-api-spec: a fetch that cannot succeed is FAILED with a message, and the mutation answers", async () => {
    const tenant = await newTenant();
    const appID = await registerApplication(tenant, "app-refetch");
    const api = await example("add-api-definition-to-application", tenant, appID);
    const spec = await example("refetch-api-spec", tenant, api.id);
    assert.equal(spec.id, api.spec.id);
    assert.equal(spec.fetchRequest.status.condition, "FAILED");
    assert.match(spec.fetchRequest.status.message, /\S/);
  });
});

describe("Compass's event definition documents (bundle_api_test.go, event_api_def_test.go)", () => {
  test("TestAddEventDefinitionToBundle, TestManageEventDefinitionInBundle: add, update, delete", async () => {
    const tenant = await newTenant();
    const appID = await registerApplication(tenant, "app-events");
    const bundleID = await createBundle(tenant, appID, "test-bundle");
    const event = await example("add-event-definition-to-bundle", tenant, bundleID);
    assert.equal(event.name, "name");
    assert.deepEqual([event.spec.data, event.spec.type, event.spec.format], ["data", "ASYNC_API", "JSON"]);
    const updated = await example("update-event-definition", tenant, event.id);
    assert.deepEqual([updated.id, updated.name], [event.id, "new-name"]);
    const deleted = await example("delete-event-definition", tenant, event.id);
    assert.equal(deleted.id, event.id);
  });

  test("TestEventDefinitionInBundle, TestEventDefinitionsInBundle: query-event-definition, query-event-definitions", async () => {
    const tenant = await newTenant();
    const appID = await registerApplication(tenant, "app-events");
    const bundleID = await createBundle(tenant, appID, "test-bundle");
    const eventID = await addEvent(tenant, bundleID, "comments-v1");
    await addEvent(tenant, bundleID, "reviews-v1");
    assert.equal((await example("query-event-definition", tenant, [appID, bundleID, eventID])).bundle.eventDefinition.id, eventID);
    assert.equal((await example("query-event-definitions", tenant, [appID, bundleID])).bundle.eventDefinitions.totalCount, 2);
  });

  test("addEventDefinitionToApplication, updateEventDefinitionForApplication, eventsForApplication (event_api_def_test.go)", async () => {
    const tenant = await newTenant();
    const appID = await registerApplication(tenant, "app-events");
    const event = await example("add-event-definition-to-application", tenant, appID);
    assert.equal(event.name, "name");
    const updated = await example("update-event-definition-to-application", tenant, event.id);
    assert.deepEqual([updated.id, updated.name], [event.id, "TestUpdateAPIDefinitionToApplication"]);
    const page = await example("query-event-definition-for-application", tenant, appID);
    assert.equal(page.totalCount, 1);
    assert.equal(page.data[0].id, event.id);
  });
});

describe("Compass's document documents (bundle_api_test.go)", () => {
  test("TestAddDocumentToBundle, TestDocumentInBundle, TestDocumentsInBundle, TestManageDocumentInBundle", async () => {
    const tenant = await newTenant();
    const appID = await registerApplication(tenant, "app-docs");
    const bundleID = await createBundle(tenant, appID, "test-bundle");
    const added = await example("add-document-to-bundle", tenant, bundleID);
    assert.deepEqual([added.title, added.displayName, added.format], ["Readme", "display-name", "MARKDOWN"]);
    assertBasicFetchRequest(added.fetchRequest, "kyma-project.io", "/docs/README.md");
    await addDocument(tenant, bundleID, "Second");
    assert.equal((await example("query-document", tenant, [appID, bundleID, added.id])).bundle.document.id, added.id);
    assert.equal((await example("query-documents", tenant, [appID, bundleID])).bundle.documents.totalCount, 2);
    assert.equal((await example("delete-document", tenant, added.id)).id, added.id);
    assert.equal((await example("query-documents", tenant, [appID, bundleID])).bundle.documents.totalCount, 1);
  });
});

describe("Compass's integration dependency documents (integration_dependency_test.go)", () => {
  test("add-integration-dependency-to-application, then delete-integration-dependency", async () => {
    const tenant = await newTenant();
    const appID = await registerApplication(tenant, "app-int-dep");
    const dependency = await example("add-integration-dependency-to-application", tenant, appID);
    assert.deepEqual(
      [dependency.name, dependency.description, dependency.ordID],
      ["Int dep name", "int dep desc", "sap.foo.bar:integrationDependency:CustomerOrder:v1"],
    );
    assert.deepEqual([dependency.visibility, dependency.releaseStatus, dependency.mandatory], ["public", "active", false]);
    assert.deepEqual(dependency.labels, { displayName: "bar", test: ["val", "val2"] });
    assert.equal(dependency.aspects.length, 1);
    assert.deepEqual(dependency.aspects[0].apiResources, [{ ordID: "ns:apiResource:API_ID:v1" }]);
    assert.deepEqual(dependency.aspects[0].eventResources, [
      { ordID: "ns:eventResource:EVENT_ID:v1", subset: [{ eventType: "sap.billing.sb.Subscription.Created.v1" }] },
    ]);
    const app = (await ok(`query($id: ID!) { application(id: $id) { integrationDependencies { totalCount data { id } } } }`, tenant, { id: appID }))
      .application;
    assert.deepEqual(app.integrationDependencies.data, [{ id: dependency.id }]);
    assert.equal((await example("delete-integration-dependency", tenant, dependency.id)).id, dependency.id);
  });
});
