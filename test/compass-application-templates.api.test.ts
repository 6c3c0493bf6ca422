/**
 * Issue 24: Kyma Compass's own documents for application templates
 * (test/fixtures/compass/examples, verbatim but for the ids of this run's
 * objects), sent as Compass's e2e tests send them, by an integration system's
 * token (tests/director/tests/application/application_templates_api_test.go,
 * with tests/pkg/fixtures/application_template_requests.go's
 * FixApplicationTemplate and tests/pkg/assertions' AssertApplicationTemplate).
 * Then what Compass's tests do not send: who may write templates, the
 * placeholders' rules, values inserted literally, one transaction, and the
 * rule that a template with applications is not deleted (decision 0032).
 * Runs on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createTenant } from "@/domain/tenants/tenant.service";
import { createIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { generateClientCredentials } from "@/domain/credentials/system-auth.service";
import { GRANTABLE_INTEGRATION_SYSTEM_SCOPES } from "@/lib/config";
import { issueAccessToken } from "@/oauth2/grants/client-credentials";
import { exampleDocument } from "./compass-example-documents";
import { TEST_ORIGIN, recordSecret, setupTestApp } from "./harness";

process.env.INTEGRATION_SYSTEM_SCOPES = GRANTABLE_INTEGRATION_SYSTEM_SCOPES.join(" ");
const app = await setupTestApp();
const admin = app.admin.principal;
const tenant = await createTenant(app.db, admin, { externalId: "templates-tenant", name: "Templates" });

/** Compass's example writer made every id this placeholder. */
const ID = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";

async function systemWithToken(name: string) {
  const system = await createIntegrationSystem(app.db, admin, { name });
  const credential = await generateClientCredentials(app.db, admin, system.id, { grantable: GRANTABLE_INTEGRATION_SYSTEM_SCOPES });
  recordSecret(credential.clientSecret);
  const server = app.instance.oauth2;
  const client = await server.clients.find(credential.id);
  assert.ok(client);
  const { access_token } = await issueAccessToken(server, client, [...client.scopes], TEST_ORIGIN);
  recordSecret(access_token);
  return { system, token: access_token };
}

const { system, token: systemToken } = await systemWithToken("templates system");
const { token: otherSystemToken } = await systemWithToken("other templates system");

type Body = { data?: any; errors?: { message: string; extensions: Record<string, any> }[] };

/** As `token`, with the tenant header only when a tenant is named (templates are global). */
async function as(token: string, query: string, variables: Record<string, unknown> = {}, tenantId?: string): Promise<Body> {
  const response = await app.graphql(query, variables, { token, headers: tenantId ? { tenant: tenantId } : {} });
  return response.body as Body;
}

async function ok(token: string, query: string, variables: Record<string, unknown> = {}, tenantId?: string) {
  const body = await as(token, query, variables, tenantId);
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

const errorOf = (body: Body) => {
  assert.ok(body.errors?.length, `expected an error, got ${JSON.stringify(body.data)}`);
  return { code: body.errors[0].extensions.code, field: body.errors[0].extensions.field, message: body.errors[0].message };
};

/** Compass's FixApplicationTemplate(name), through our own document. */
const fixApplicationTemplate = (name: string, extra: { labels?: Record<string, unknown>; jsonPaths?: [string, string] } = {}) => ({
  name,
  description: "app-template-desc",
  applicationInput: {
    name: "{{name}}",
    providerName: "compass-tests",
    description: "test {{display-name}}",
    labels: { a: ["b", "c"], d: ["e", "f"], displayName: "{{display-name}}" },
    webhooks: [{ type: "CONFIGURATION_CHANGED", url: "http://url.com" }],
    healthCheckURL: "http://url.valid",
  },
  placeholders: [
    { name: "name", description: "app", jsonPath: extra.jsonPaths?.[0] ?? "$.new-placeholder-name-json-path" },
    { name: "display-name", description: "new-placeholder-display-name", jsonPath: extra.jsonPaths?.[1] ?? "$.new-placeholder-display-name-json-path" },
  ],
  labels: { test: ["test"], ...extra.labels },
  accessLevel: "GLOBAL",
});

const CREATE = `mutation($in: ApplicationTemplateInput!) { t: createApplicationTemplate(in: $in) { id name integrationSystemID webhooks { id url } } }`;
const createTemplate = async (input: Record<string, unknown>, token = systemToken) =>
  (await ok(token, CREATE, { in: input })).t as { id: string; name: string; integrationSystemID: string | null; webhooks: { id: string; url: string }[] };

const APP_FIELDS = `id name description integrationSystemID applicationTemplateID labels webhooks { type url applicationID }`;
const REGISTER = `mutation($in: ApplicationFromTemplateInput!) { a: registerApplicationFromTemplate(in: $in) { ${APP_FIELDS} } }`;

describe("Compass's application template documents (application_templates_api_test.go)", () => {
  test("TestCreateApplicationTemplate: create-application-template by an integration system, then query-application-template (AssertApplicationTemplate)", async () => {
    const started = Date.now() - 60_000;
    const created = (await ok(systemToken, exampleDocument("create-application-template"))).result;
    assert.match(created.id, /\S/);
    assert.equal(created.name, "SAP app-template-name");

    const read = (await ok(app.viewer.token, exampleDocument("query-application-template", undefined, { [ID]: created.id }))).result;
    assert.equal(read.name, "SAP app-template-name");
    assert.equal(read.description, "app-template-desc");
    // Compass compares its own GraphQL rendering of the input; here the same input as JSON, with Compass's applicationType label added.
    assert.deepEqual(JSON.parse(read.applicationInput), {
      name: "{{name}}",
      providerName: "compass-tests",
      description: "test {{display-name}}",
      labels: { a: ["b", "c"], d: ["e", "f"], applicationType: "SAP app-template-name" },
      webhooks: [{ type: "CONFIGURATION_CHANGED", url: "http://url.com" }],
      healthCheckURL: "http://url.valid",
      integrationSystemID: system.id,
    });
    assert.deepEqual(read.placeholders, [
      { name: "name", description: "app", jsonPath: "new-placeholder-name-json-path" },
      { name: "display-name", description: "new-placeholder-display-name", jsonPath: "new-placeholder-display-name-json-path" },
    ]);
    assert.equal(read.accessLevel, "GLOBAL");
    assert.deepEqual(read.labels, { subscriptionProviderId: "id-value!t12345", test: ["test"] });
    assert.equal(read.webhooks.length, 0, "the template's own webhooks: none given");
    const timestamps = (await ok(app.viewer.token, `query($id: ID!) { applicationTemplate(id: $id) { createdAt updatedAt } }`, { id: created.id }))
      .applicationTemplate;
    assert.ok(Date.parse(timestamps.createdAt) > started && Date.parse(timestamps.updatedAt) > started);
  });

  test("TestUpdateApplicationTemplate: update-application-template replaces its webhook (a new id and URL) and renames it", async () => {
    const before = await createTemplate({
      ...fixApplicationTemplate("SAP app-template"),
      webhooks: [{ type: "CONFIGURATION_CHANGED", url: "http://url.com" }],
    });
    assert.equal(before.webhooks.length, 1);
    const updated = (await ok(systemToken, exampleDocument("update-application-template", undefined, { [ID]: before.id }))).result;
    assert.equal(updated.id, before.id);
    assert.equal(updated.webhooks.length, 1);
    assert.notEqual(updated.webhooks[0].id, before.webhooks[0].id);
    assert.equal(updated.webhooks[0].url, "http://url2.com");
    assert.equal(updated.webhooks[0].applicationTemplateID, before.id);
    // AssertUpdateApplicationTemplate
    assert.equal(updated.name, "SAP new-app-template");
    assert.equal(updated.description, "new description");
    assert.deepEqual(JSON.parse(updated.applicationInput), {
      name: "new-app-create-input",
      description: "{{name}} {{display-name}}",
      labels: { displayName: "{{display-name}}", applicationType: "SAP new-app-template" },
      healthCheckURL: "http://url.valid",
      integrationSystemID: system.id,
    });
    assert.deepEqual(
      updated.placeholders.map((p: { name: string }) => p.name),
      ["name", "display-name"],
    );
    assert.equal(updated.accessLevel, "GLOBAL");
    assert.ok(Date.parse(updated.updatedAt) + 1000 > Date.parse(updated.createdAt));
  });

  test("TestDeleteApplicationTemplate: delete-application-template, then it reads as null", async () => {
    const template = await createTemplate(fixApplicationTemplate("SAP app-template-deleted"));
    const deleted = (await ok(systemToken, exampleDocument("delete-application-template", undefined, { [ID]: template.id }))).result;
    assert.equal(deleted.id, template.id);
    assert.equal((await ok(systemToken, `query($id: ID!) { applicationTemplate(id: $id) { id } }`, { id: template.id })).applicationTemplate, null);
    assert.equal(await app.db.webhook.count({ where: { ownerId: template.id } }), 0);
  });

  test("TestQueryApplicationTemplates: query-application-templates pages through all of them and finds both", async () => {
    const one = await createTemplate(fixApplicationTemplate("SAP app-template-1"));
    const two = await createTemplate(fixApplicationTemplate("SAP app-template-2"), app.admin.token);
    const found: string[] = [];
    const page = (await ok(systemToken, exampleDocument("query-application-templates"))).result;
    found.push(...page.data.map((t: { id: string }) => t.id));
    assert.equal(page.pageInfo.hasNextPage, false);
    assert.equal(page.totalCount, page.data.length);
    assert.ok(found.includes(one.id) && found.includes(two.id));
  });

  test("TestRegisterApplicationFromTemplate: register-application-from-template fills the placeholders from values", async () => {
    const template = await createTemplate(fixApplicationTemplate("SAP template", { jsonPaths: ["$.name-json-path", "$.display-name-json-path"] }));
    const registered = (await ok(systemToken, exampleDocument("register-application-from-template"), {}, tenant.externalId)).result;
    assert.equal(registered.description, "test new-display-name");
    assert.equal(registered.name, "new-name");
    assert.equal(registered.applicationTemplateID, template.id);
    // Registered by the integration system: it manages the application, which shows it.
    assert.equal(registered.integrationSystemID, system.id);
    assert.deepEqual(registered.labels, {
      a: ["b", "c"],
      d: ["e", "f"],
      displayName: "new-display-name",
      applicationType: "SAP template",
      managed: "false",
      integrationSystemID: system.id,
    });
    assert.deepEqual(
      registered.webhooks.map((w: any) => [w.type, w.url, w.applicationID]),
      [["CONFIGURATION_CHANGED", "http://url.com", registered.id]],
    );
  });

  test("TestRegisterApplicationFromTemplateWithTemplateID: two regions' templates; the id picks one", async () => {
    await createTemplate(fixApplicationTemplate("SAP template-1", { labels: { region: "cf-eu10" } }));
    const two = await createTemplate(fixApplicationTemplate("SAP template-1", { labels: { region: "cf-eu20" } }));
    // By name alone the two are ambiguous.
    const ambiguous = errorOf(
      await as(
        systemToken,
        REGISTER,
        {
          in: {
            templateName: "SAP template-1",
            values: [
              { placeholder: "name", value: "x" },
              { placeholder: "display-name", value: "y" },
            ],
          },
        },
        tenant.externalId,
      ),
    );
    assert.deepEqual([ambiguous.code, ambiguous.field], ["BAD_USER_INPUT", "in.id"]);
    const registered = (
      await ok(
        systemToken,
        exampleDocument("register-application-from-template-using-template-name-and-id", undefined, { [ID]: two.id }),
        {},
        tenant.externalId,
      )
    ).result;
    assert.equal(registered.applicationTemplateID, two.id);
    assert.equal(registered.description, "test app-display-name");
  });

  test("TestRegisterApplicationFromTemplateWithPlaceholderPayload: the values come from placeholdersPayload at each jsonPath", async () => {
    await createTemplate(fixApplicationTemplate("SAP templateForPlaceholdersPayload", { jsonPaths: ["$.name", "$.displayName"] }));
    const registered = (await ok(systemToken, exampleDocument("register-application-from-template-with-placeholder-payload"), {}, tenant.externalId)).result;
    assert.equal(registered.name, "appName");
    assert.equal(registered.description, "test appDisplayName");
  });

  test("TestDeleteApplicationTemplateBeforeDeletingAssociatedApplicationsWithIt: refused while an application came from it, then deleted", async () => {
    const template = await createTemplate(fixApplicationTemplate("SAP template-in-use"));
    const app1 = (
      await ok(
        systemToken,
        REGISTER,
        {
          in: {
            templateName: template.name,
            values: [
              { placeholder: "name", value: "new-name-in-use" },
              { placeholder: "display-name", value: "new-display-name" },
            ],
          },
        },
        tenant.externalId,
      )
    ).a;
    assert.equal(app1.description, "test new-display-name");
    const refused = errorOf(await as(systemToken, `mutation($id: ID!) { deleteApplicationTemplate(id: $id) { id } }`, { id: template.id }));
    assert.equal(refused.code, "CONFLICT");
    assert.match(refused.message, /1 application registered from it/);
    assert.ok(
      (await ok(systemToken, `query($id: ID!) { applicationTemplate(id: $id) { id applicationsCount } }`, { id: template.id })).applicationTemplate
        .applicationsCount === 1,
    );
    await ok(systemToken, `mutation($id: ID!) { unregisterApplication(id: $id) { id } }`, { id: app1.id }, tenant.externalId);
    await ok(systemToken, `mutation($id: ID!) { deleteApplicationTemplate(id: $id) { id } }`, { id: template.id });
  });
});

describe("who may write templates", () => {
  test("a viewer reads but does not write; an integration system changes only its own and publishes only for itself", async () => {
    const mine = await createTemplate(fixApplicationTemplate("SAP owned-by-system"));
    assert.equal(mine.integrationSystemID, system.id);
    const viewer = errorOf(await as(app.viewer.token, CREATE, { in: fixApplicationTemplate("SAP by-viewer") }));
    assert.equal(viewer.code, "FORBIDDEN");
    const update = `mutation($id: ID!, $in: ApplicationTemplateUpdateInput!) { updateApplicationTemplate(id: $id, in: $in) { id } }`;
    const { labels: _, ...asUpdate } = fixApplicationTemplate("SAP hijacked");
    assert.equal(errorOf(await as(otherSystemToken, update, { id: mine.id, in: asUpdate })).code, "FORBIDDEN");
    assert.equal(errorOf(await as(otherSystemToken, `mutation($id: ID!) { deleteApplicationTemplate(id: $id) { id } }`, { id: mine.id })).code, "FORBIDDEN");
    const forAnother = fixApplicationTemplate("SAP for-another");
    const naming = errorOf(
      await as(otherSystemToken, CREATE, { in: { ...forAnother, applicationInput: { ...forAnother.applicationInput, integrationSystemID: system.id } } }),
    );
    assert.equal(naming.code, "FORBIDDEN");
    // An admin names the managing system, or none.
    const byAdmin = await createTemplate(
      { ...forAnother, applicationInput: { ...forAnother.applicationInput, integrationSystemID: system.id } },
      app.admin.token,
    );
    assert.equal(byAdmin.integrationSystemID, system.id);
    assert.equal((await ok(app.admin.token, update, { id: mine.id, in: { ...asUpdate, name: "SAP renamed by admin" } })).updateApplicationTemplate.id, mine.id);
    const audit = await app.db.auditEvent.findMany({ where: { objectId: mine.id }, orderBy: { createdAt: "asc" } });
    assert.deepEqual(
      audit.map((event) => event.action),
      ["APPLICATION_TEMPLATE_CREATED", "APPLICATION_TEMPLATE_UPDATED"],
    );
  });

  test("a template's webhooks: addWebhook(applicationTemplateID), updateWebhook and deleteWebhook without a tenant, only by the template's own system", async () => {
    const template = await createTemplate(fixApplicationTemplate("SAP with webhooks"));
    const add = `mutation($id: ID) { addWebhook(applicationTemplateID: $id, in: { type: CONFIGURATION_CHANGED, url: "https://hooks.example.com/t" }) { id applicationTemplateID applicationID url } }`;
    assert.equal(errorOf(await as(otherSystemToken, add, { id: template.id })).code, "FORBIDDEN");
    const added = (await ok(systemToken, add, { id: template.id })).addWebhook;
    assert.deepEqual([added.applicationTemplateID, added.applicationID, added.url], [template.id, null, "https://hooks.example.com/t"]);
    const update = `mutation($id: ID!) { updateWebhook(webhookID: $id, in: { type: CONFIGURATION_CHANGED, url: "https://hooks.example.com/u" }) { url } }`;
    assert.equal(errorOf(await as(otherSystemToken, update, { id: added.id })).code, "FORBIDDEN");
    assert.equal((await ok(systemToken, update, { id: added.id })).updateWebhook.url, "https://hooks.example.com/u");
    const read = (await ok(app.viewer.token, `query($id: ID!) { applicationTemplate(id: $id) { webhooks { id url } } }`, { id: template.id }))
      .applicationTemplate;
    assert.deepEqual(read.webhooks, [{ id: added.id, url: "https://hooks.example.com/u" }]);
    const remove = `mutation($id: ID!) { deleteWebhook(webhookID: $id) { id } }`;
    assert.equal(errorOf(await as(otherSystemToken, remove, { id: added.id })).code, "FORBIDDEN");
    assert.equal((await ok(systemToken, remove, { id: added.id })).deleteWebhook.id, added.id);
    assert.equal(await app.db.webhook.count({ where: { ownerId: template.id } }), 0);
    // The SSRF rule holds for templates too.
    const internal = errorOf(await as(systemToken, add.replace("https://hooks.example.com/t", "http://169.254.169.254/latest"), { id: template.id }));
    assert.equal(internal.code, "BAD_USER_INPUT");
  });

  test("add-application-template-webhook (Compass's document, verbatim) adds a webhook to the template, without a tenant", async () => {
    const template = await createTemplate(fixApplicationTemplate("SAP example webhook"));
    const added = (await ok(systemToken, exampleDocument("add-webhook", "add-application-template-webhook.graphql", { [ID]: template.id }))).result;
    assert.equal(added.applicationTemplateID, template.id);
    assert.equal(added.type, "UNREGISTER_APPLICATION");
    assert.equal(added.url, "http://new-webhook.url");
  });

  test("the same name in the same region is a CONFLICT", async () => {
    await createTemplate(fixApplicationTemplate("SAP twice"));
    assert.equal(errorOf(await as(systemToken, CREATE, { in: fixApplicationTemplate("SAP twice") })).code, "CONFLICT");
  });
});

describe("the application input is checked when the template is written", () => {
  const cases: [string, (input: ReturnType<typeof fixApplicationTemplate>) => unknown, string][] = [
    ["a placeholder not used", (input) => ({ ...input, placeholders: [...input.placeholders, { name: "unused" }] }), "in.placeholders[2].name"],
    [
      "a placeholder defined twice",
      (input) => ({ ...input, placeholders: [input.placeholders[0], input.placeholders[0], input.placeholders[1]] }),
      "in.placeholders[1].name",
    ],
    [
      "an invalid health check URL",
      (input) => ({ ...input, applicationInput: { ...input.applicationInput, healthCheckURL: "not a url" } }),
      "in.applicationInput.healthCheckURL",
    ],
    [
      "an invalid label key",
      (input) => ({ ...input, applicationInput: { ...input.applicationInput, labels: { "bad key": 1 } } }),
      "in.applicationInput.labels.bad key",
    ],
    [
      "an invalid webhook",
      (input) => ({ ...input, applicationInput: { ...input.applicationInput, webhooks: [{ type: "CONFIGURATION_CHANGED" }] } }),
      "in.applicationInput.webhooks[0]",
    ],
    [
      "a nameless bundle",
      (input) => ({ ...input, applicationInput: { ...input.applicationInput, bundles: [{ name: "" }] } }),
      "in.applicationInput.bundles[0].name",
    ],
    ["a name that is not ASCII", (input) => ({ ...input, name: "SAP ünïcode" }), "in.name"],
  ];
  for (const [what, change, field] of cases) {
    test(`${what}: BAD_USER_INPUT on ${field}, nothing stored`, async () => {
      const before = await app.db.applicationTemplate.count();
      const error = errorOf(await as(app.admin.token, CREATE, { in: change(fixApplicationTemplate(`SAP invalid ${what}`)) }));
      assert.equal(error.code, "BAD_USER_INPUT", error.message);
      assert.ok(String(error.field).startsWith(field), `${error.field} is not under ${field}`);
      assert.equal(await app.db.applicationTemplate.count(), before);
    });
  }
});

describe("registering from a template", () => {
  const values = (name: string, display = "display") => [
    { placeholder: "name", value: name },
    { placeholder: "display-name", value: display },
  ];

  test("a missing required placeholder, an unknown one, or values and a payload both: BAD_USER_INPUT naming it, nothing registered", async () => {
    await createTemplate(fixApplicationTemplate("SAP strict"));
    const before = await app.db.application.count();
    const missing = errorOf(
      await as(app.admin.token, REGISTER, { in: { templateName: "SAP strict", values: [{ placeholder: "name", value: "only-name" }] } }, tenant.externalId),
    );
    assert.deepEqual([missing.code, missing.field], ["BAD_USER_INPUT", "in.values"]);
    assert.match(missing.message, /"display-name"/);
    const unknown = errorOf(
      await as(
        app.admin.token,
        REGISTER,
        { in: { templateName: "SAP strict", values: [...values("n"), { placeholder: "nope", value: "x" }] } },
        tenant.externalId,
      ),
    );
    assert.deepEqual([unknown.code, unknown.field], ["BAD_USER_INPUT", "in.values[2].placeholder"]);
    assert.match(unknown.message, /"nope"/);
    const both = errorOf(
      await as(app.admin.token, REGISTER, { in: { templateName: "SAP strict", values: values("n"), placeholdersPayload: "{}" } }, tenant.externalId),
    );
    assert.equal(both.code, "BAD_USER_INPUT");
    const missingInPayload = errorOf(await as(app.admin.token, REGISTER, { in: { templateName: "SAP strict", placeholdersPayload: "{}" } }, tenant.externalId));
    assert.deepEqual([missingInPayload.code, missingInPayload.field], ["BAD_USER_INPUT", "in.placeholdersPayload"]);
    assert.equal(
      errorOf(await as(app.admin.token, REGISTER, { in: { templateName: "SAP no such", values: values("n") } }, tenant.externalId)).code,
      "NOT_FOUND",
    );
    assert.equal(await app.db.application.count(), before);
  });

  test("a value that makes the application invalid is BAD_USER_INPUT on that value, naming the placeholder; nothing half-written", async () => {
    const template = await createTemplate({
      ...fixApplicationTemplate("SAP with url"),
      applicationInput: {
        name: "{{name}}",
        description: "{{display-name}}",
        healthCheckURL: "https://{{display-name}}/health",
        bundles: [{ name: "b-{{name}}" }],
      },
    });
    const before = { apps: await app.db.application.count(), bundles: await app.db.bundle.count(), labels: await app.db.label.count() };
    const badName = errorOf(await as(app.admin.token, REGISTER, { in: { templateName: template.name, values: values("bad name!") } }, tenant.externalId));
    assert.deepEqual([badName.code, badName.field], ["BAD_USER_INPUT", "in.values[0].value"]);
    assert.match(badName.message, /placeholder "name"/);
    const badUrl = errorOf(
      await as(app.admin.token, REGISTER, { in: { templateName: template.name, values: values("fine", "not a host") } }, tenant.externalId),
    );
    assert.deepEqual([badUrl.code, badUrl.field], ["BAD_USER_INPUT", "in.values[1].value"]);
    assert.match(badUrl.message, /placeholder "display-name".*healthCheckURL/);
    assert.deepEqual({ apps: await app.db.application.count(), bundles: await app.db.bundle.count(), labels: await app.db.label.count() }, before);
    // Valid values: the application, its labels and its bundle, together.
    const registered = (
      await ok(app.admin.token, REGISTER, { in: { templateName: template.name, values: values("fine", "host.example.com") } }, tenant.externalId)
    ).a;
    assert.equal(registered.integrationSystemID, system.id);
    assert.deepEqual(
      (await app.db.bundle.findMany({ where: { applicationId: registered.id } })).map((b) => b.name),
      ["b-fine"],
    );
  });

  test("values are inserted literally: {{…}}, quotes, backslashes and JSON syntax stay as given", async () => {
    const template = await createTemplate({
      ...fixApplicationTemplate("SAP literal"),
      applicationInput: { name: "{{name}}", description: "{{display-name}} and {{name}}", labels: { shown: "{{display-name}}" } },
    });
    const hostile = `{{name}}", "integrationSystemID": "x", "a": "\\u0000 \\ \n {{display-name}} }`;
    const registered = (
      await ok(
        app.admin.token,
        REGISTER,
        { in: { templateName: template.name, values: values("literal-app", hostile), labels: { extra: "{{name}}" } } },
        tenant.externalId,
      )
    ).a;
    assert.equal(registered.description, `${hostile} and literal-app`);
    assert.equal(registered.labels.shown, hostile);
    assert.equal(registered.labels.extra, "{{name}}", "the caller's labels are not templates");
    assert.equal(registered.integrationSystemID, system.id, "the template's system, not one written inside a value");
  });

  test("an optional placeholder left out leaves its label out; Compass's look-ups and merge work across registrations from the same template", async () => {
    const template = await createTemplate({
      ...fixApplicationTemplate("SAP mergeable"),
      applicationInput: { name: "{{name}}", baseUrl: "https://merge.example.com", localTenantID: "{{display-name}}", labels: { optionalLabel: "{{extra}}" } },
      placeholders: [{ name: "name" }, { name: "display-name" }, { name: "extra", optional: true }],
    });
    const source = (await ok(app.admin.token, REGISTER, { in: { templateName: template.name, values: values("merge-source", "local-1") } }, tenant.externalId))
      .a;
    assert.equal(source.labels.optionalLabel, undefined);
    const destination = (
      await ok(
        app.admin.token,
        REGISTER,
        { in: { templateName: template.name, values: [...values("merge-destination", "local-2"), { placeholder: "extra", value: "given" }] } },
        tenant.externalId,
      )
    ).a;
    assert.equal(destination.labels.optionalLabel, "given");
    const found = await ok(
      app.admin.token,
      `query($l: String!, $t: ID!) { a: applicationByLocalTenantIDAndAppTemplateID(localTenantID: $l, applicationTemplateID: $t) { id } }`,
      { l: "local-1", t: template.id },
      tenant.externalId,
    );
    assert.equal(found.a.id, source.id);
    const merged = await ok(
      app.admin.token,
      `mutation($d: ID!, $s: ID!) { m: mergeApplications(destinationID: $d, sourceID: $s) { id applicationTemplateID } }`,
      { d: destination.id, s: source.id },
      tenant.externalId,
    );
    assert.equal(merged.m.applicationTemplateID, template.id);
    // Across templates, Compass refuses the merge.
    const other = await createTemplate({
      ...fixApplicationTemplate("SAP mergeable other"),
      applicationInput: { name: "{{name}}", baseUrl: "https://merge.example.com", description: "{{display-name}}" },
    });
    const foreign = (await ok(app.admin.token, REGISTER, { in: { templateName: other.name, values: values("merge-foreign") } }, tenant.externalId)).a;
    const refused = errorOf(
      await as(
        app.admin.token,
        `mutation($d: ID!, $s: ID!) { mergeApplications(destinationID: $d, sourceID: $s) { id } }`,
        { d: destination.id, s: foreign.id },
        tenant.externalId,
      ),
    );
    assert.match(refused.message, /Application templates are not the same/);
  });

  test("registrations and a delete in parallel: the template is either kept with its applications or gone with none pointing at it", async () => {
    for (let round = 0; round < 3; round++) {
      const template = await createTemplate(fixApplicationTemplate(`SAP raced ${round}`));
      const register = (n: number) =>
        as(app.admin.token, REGISTER, { in: { templateName: template.name, values: values(`raced-${round}-${n}`) } }, tenant.externalId);
      const remove = as(app.admin.token, `mutation($id: ID!) { deleteApplicationTemplate(id: $id) { id } }`, { id: template.id });
      const answers = await Promise.all([register(0), register(1), remove, register(2), register(3)]);
      for (const answer of answers) {
        if (answer.errors) assert.ok(["CONFLICT", "NOT_FOUND"].includes(answer.errors[0].extensions.code), JSON.stringify(answer.errors));
      }
      const kept = await app.db.applicationTemplate.findUnique({ where: { id: template.id } });
      const pointing = await app.db.application.count({ where: { applicationTemplateId: template.id } });
      if (!kept) assert.equal(pointing, 0, "no application points at a deleted template");
      else assert.equal(pointing, answers.filter((answer) => answer.data?.a).length);
    }
  });

  test("renaming a template renames its applications' applicationType label", async () => {
    const template = await createTemplate(fixApplicationTemplate("SAP before rename"));
    const registered = (await ok(systemToken, REGISTER, { in: { templateName: template.name, values: values("renamed-app") } }, tenant.externalId)).a;
    const { labels: _, ...input } = fixApplicationTemplate("SAP after rename");
    await ok(systemToken, `mutation($id: ID!, $in: ApplicationTemplateUpdateInput!) { updateApplicationTemplate(id: $id, in: $in) { id } }`, {
      id: template.id,
      in: input,
    });
    const read = await ok(
      app.admin.token,
      `query($id: ID!) { application(id: $id) { labels(key: "applicationType") } }`,
      { id: registered.id },
      tenant.externalId,
    );
    assert.deepEqual(read.application.labels, { applicationType: "SAP after rename" });
  });
});
