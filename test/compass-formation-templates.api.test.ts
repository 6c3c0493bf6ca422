/**
 * Kyma Compass's own documents for formation templates
 * (test/fixtures/compass/examples, verbatim but for the ids of this run's
 * objects), sent as Compass's e2e tests send them, by an integration system's
 * token, without a tenant (tests/director/tests/formation/formation_templates_test.go,
 * with tests/pkg/fixtures/formation_template_fixtures.go and
 * tests/pkg/assertions' AssertFormationTemplateFromRegisterInput). Then what
 * those tests do not send: who may write, the input's rules, unique names under
 * a burst, and that a template with formations is not deleted (decision 0036).
 * Runs on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { generateClientCredentials } from "@/domain/credentials/system-auth.service";
import { GRANTABLE_INTEGRATION_SYSTEM_SCOPES } from "@/lib/config";
import { issueAccessToken } from "@/oauth2/grants/client-credentials";
import { exampleDocument } from "./compass-example-documents";
import { TEST_ORIGIN, integrationSystemToken, recordSecret, setupTestApp } from "./harness";

process.env.INTEGRATION_SYSTEM_SCOPES = GRANTABLE_INTEGRATION_SYSTEM_SCOPES.join(" ");
// Compass's FORMATION_LIFECYCLE webhook in its examples calls http://localhost:6439/: the operator allows it here.
process.env.WEBHOOK_ALLOWED_HOSTS = "localhost";
const app = await setupTestApp();
const admin = app.admin.principal;

/** Compass's example writer made every id this placeholder. */
const ID = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";

const { token: systemToken } = await integrationSystemToken(app, "formation templates system");

type Body = { data?: any; errors?: { message: string; extensions: Record<string, any> }[] };
const as = async (token: string, query: string, variables: Record<string, unknown> = {}) => (await app.graphql(query, variables, { token })).body as Body;
async function ok(token: string, query: string, variables: Record<string, unknown> = {}) {
  const body = await as(token, query, variables);
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}
const errorOf = (body: Body) => {
  assert.ok(body.errors?.length, `expected an error, got ${JSON.stringify(body.data)}`);
  return { code: body.errors[0].extensions.code, field: body.errors[0].extensions.field, message: body.errors[0].message };
};

const CREATE = `mutation($in: FormationTemplateRegisterInput!) { t: createFormationTemplate(in: $in) { id name } }`;
/** Compass's FixFormationTemplateRegisterInput(name). */
const fixInput = (name: string) => ({
  name,
  applicationTypes: ["app-type-1", "app-type-2"],
  runtimeTypes: ["runtime-type"],
  runtimeTypeDisplayName: "runtime-type-display-name",
  runtimeArtifactKind: "SUBSCRIPTION",
});
const createTemplate = async (input: Record<string, unknown>, token = systemToken) =>
  (await ok(token, CREATE, { in: input })).t as { id: string; name: string };

describe("Compass's formation template documents (formation_templates_test.go)", () => {
  test("TestCreateFormationTemplate: create-formation-template, query-formation-template (AssertFormationTemplateFromRegisterInput), then set and delete its label", async () => {
    const created = (await ok(systemToken, exampleDocument("create-formation-template"))).result;
    assert.match(created.id, /\S/);
    assert.equal(created.name, "create-formation-template-name");
    const read = (await ok(app.viewer.token, exampleDocument("query-formation-template", undefined, { [ID]: created.id }))).result;
    assert.deepEqual(
      {
        name: read.name,
        applicationTypes: read.applicationTypes,
        runtimeTypes: read.runtimeTypes,
        runtimeTypeDisplayName: read.runtimeTypeDisplayName,
        runtimeArtifactKind: read.runtimeArtifactKind,
        leadingProductIDs: read.leadingProductIDs,
        supportsReset: read.supportsReset,
        webhooks: read.webhooks,
      },
      {
        name: "create-formation-template-name",
        applicationTypes: ["async-app-type-1"],
        runtimeTypes: ["runtimeTypeTest"],
        runtimeTypeDisplayName: "create-formation-template-name",
        runtimeArtifactKind: "ENVIRONMENT_INSTANCE",
        leadingProductIDs: ["leading-product-id"],
        supportsReset: false,
        webhooks: [],
      },
    );

    const label = (await ok(systemToken, exampleDocument("set-formation-template-label", undefined, { [ID]: created.id }))).result;
    assert.deepEqual(label, { key: "e2eTestFormationTemplateLabelKey", value: "e2eTestFormationTemplateLabelValue" });
    const SET = `mutation($id: ID!, $in: LabelInput!) { setFormationTemplateLabel(formationTemplateID: $id, in: $in) { key value } }`;
    const updated = await ok(systemToken, SET, {
      id: created.id,
      in: { key: "e2eTestFormationTemplateLabelKey", value: "e2eTestFormationTemplateLabelValueUpdated" },
    });
    assert.equal(updated.setFormationTemplateLabel.value, "e2eTestFormationTemplateLabelValueUpdated");
    const deleted = (await ok(systemToken, exampleDocument("delete-formation-template-label", undefined, { [ID]: created.id }))).result;
    assert.deepEqual(deleted, { key: "e2eTestFormationTemplateLabelKey", value: "e2eTestFormationTemplateLabelValueUpdated" });
    const labels = await ok(app.viewer.token, `query($id: ID!) { formationTemplate(id: $id) { labels } }`, { id: created.id });
    assert.deepEqual(labels.formationTemplate.labels, {});
    // Deleting it again: the key is gone.
    assert.equal(errorOf(await as(systemToken, exampleDocument("delete-formation-template-label", undefined, { [ID]: created.id }))).code, "NOT_FOUND");
    await ok(systemToken, `mutation($id: ID!) { deleteFormationTemplate(id: $id) { id } }`, { id: created.id });
  });

  test("TestCreateFormationTemplateThatSupportsReset and ...WithFormationLifecycleWebhook: create-formation-template-with-reset and -with-webhooks", async () => {
    const withReset = (await ok(systemToken, exampleDocument("create-formation-template", "create-formation-template-with-reset.graphql"))).result;
    assert.equal(withReset.supportsReset, false);
    assert.deepEqual(withReset.applicationTypes, ["formation-app-type1"]);

    const withWebhooks = (await ok(systemToken, exampleDocument("create-formation-template", "create-formation-template-with-webhooks.graphql"))).result;
    assert.equal(withWebhooks.runtimeArtifactKind, "SUBSCRIPTION");
    assert.deepEqual(withWebhooks.applicationTypes, ["app-type-1", "app-type-2"]);
    assert.equal(withWebhooks.webhooks.length, 1);
    const [webhook] = withWebhooks.webhooks;
    assert.deepEqual(
      { type: webhook.type, url: webhook.url, mode: webhook.mode, formationTemplateID: webhook.formationTemplateID, applicationID: webhook.applicationID },
      { type: "FORMATION_LIFECYCLE", url: "http://localhost:6439/", mode: "SYNC", formationTemplateID: withWebhooks.id, applicationID: null },
    );
    const read = (await ok(app.viewer.token, exampleDocument("query-formation-template", undefined, { [ID]: withWebhooks.id }))).result;
    assert.deepEqual(
      read.webhooks.map((w: { id: string }) => w.id),
      [webhook.id],
    );
    const labels = await ok(app.viewer.token, `query($id: ID!) { formationTemplate(id: $id) { labels(key: "e2eTestFormationTemplateLabelKey") } }`, {
      id: withWebhooks.id,
    });
    assert.deepEqual(labels.formationTemplate.labels, { e2eTestFormationTemplateLabelKey: "e2eTestFormationTemplateLabelValue" });

    // TestModifyFormationTemplateWebhooks: add-formation-template-webhook, then update and delete it.
    const added = (await ok(systemToken, exampleDocument("add-webhook", "add-formation-template-webhook.graphql", { [ID]: withWebhooks.id }))).result;
    assert.equal(added.formationTemplateID, withWebhooks.id);
    assert.equal(added.type, "FORMATION_LIFECYCLE");
    const UPDATE = `mutation($id: ID!, $in: WebhookInput!) { updateWebhook(webhookID: $id, in: $in) { url formationTemplateID } }`;
    const changed = await ok(systemToken, UPDATE, { id: added.id, in: { type: "FORMATION_LIFECYCLE", url: "http://localhost:6439/updated", mode: "SYNC" } });
    assert.deepEqual(changed.updateWebhook, { url: "http://localhost:6439/updated", formationTemplateID: withWebhooks.id });
    // A viewer may not change it.
    assert.equal(errorOf(await as(app.viewer.token, `mutation($id: ID!) { deleteWebhook(webhookID: $id) { id } }`, { id: added.id })).code, "FORBIDDEN");
    await ok(systemToken, `mutation($id: ID!) { deleteWebhook(webhookID: $id) { id } }`, { id: added.id });
    assert.equal(await app.db.webhook.count({ where: { ownerId: withWebhooks.id } }), 1);

    // Deleting the template deletes its webhook.
    const removed = (await ok(systemToken, exampleDocument("delete-formation-template", undefined, { [ID]: withWebhooks.id }))).result;
    assert.equal(removed.name, "create-formation-template-with-webhook-name");
    assert.equal(await app.db.webhook.count({ where: { ownerId: withWebhooks.id } }), 0);
    await ok(systemToken, `mutation($id: ID!) { deleteFormationTemplate(id: $id) { id } }`, { id: withReset.id });
  });

  test("TestDeleteFormationTemplate: delete-formation-template answers it, then query-formation-template answers null without an error", async () => {
    const created = await createTemplate(fixInput("delete-formation-template-name"));
    const deleted = (await ok(systemToken, exampleDocument("delete-formation-template", undefined, { [ID]: created.id }))).result;
    assert.equal(deleted.id, created.id);
    assert.equal(deleted.name, "delete-formation-template-name");
    const body = await as(systemToken, exampleDocument("query-formation-template", undefined, { [ID]: created.id }));
    assert.equal(body.errors, undefined);
    assert.equal(body.data.result, null);
    assert.equal(errorOf(await as(systemToken, exampleDocument("delete-formation-template", undefined, { [ID]: created.id }))).code, "NOT_FOUND");
  });

  test("TestUpdateFormationTemplate: update-formation-template replaces the fields (AssertFormationTemplateFromUpdateInput)", async () => {
    const created = await createTemplate(fixInput("created-formation-template-name"));
    const updated = (await ok(systemToken, exampleDocument("update-formation-template", undefined, { [ID]: created.id }))).result;
    assert.equal(updated.id, created.id);
    const read = (await ok(systemToken, exampleDocument("query-formation-template", undefined, { [ID]: created.id }))).result;
    assert.deepEqual(
      [read.name, read.applicationTypes, read.runtimeTypes, read.runtimeTypeDisplayName, read.runtimeArtifactKind],
      ["updated-formation-template-name", ["app-type-3", "app-type-4"], ["runtime-type-2"], "test-display-name-2", "SERVICE_INSTANCE"],
    );
    await ok(systemToken, `mutation($id: ID!) { deleteFormationTemplate(id: $id) { id } }`, { id: created.id });
  });

  test("TestQueryFormationTemplates: query-formation-templates counts two more, query-formation-templates-by-name finds exactly one", async () => {
    const before = (await ok(systemToken, exampleDocument("query-formation-templates"))).result.totalCount as number;
    const first = await createTemplate(fixInput("delete-formation-template-name"));
    const second = await createTemplate({
      name: "test-formation-template-2",
      applicationTypes: ["app-type-3", "app-type-5"],
      runtimeTypes: ["runtime-type-2"],
      runtimeTypeDisplayName: "test-display-name-2",
      runtimeArtifactKind: "SERVICE_INSTANCE",
    });
    const page = (await ok(systemToken, exampleDocument("query-formation-templates"))).result;
    assert.equal(page.totalCount, before + 2);
    const ids = page.data.map((t: { id: string }) => t.id);
    assert.ok(ids.includes(first.id) && ids.includes(second.id));
    const byName = (await ok(systemToken, exampleDocument("query-formation-templates-by-name"))).result;
    assert.equal(byName.totalCount, 1);
    assert.deepEqual(
      byName.data.map((t: { id: string }) => t.id),
      [second.id],
    );
    for (const { id } of [first, second]) await ok(systemToken, `mutation($id: ID!) { deleteFormationTemplate(id: $id) { id } }`, { id });
  });
});

describe("Formation templates beyond Compass's documents", () => {
  test("Compass's default template exists: createFormation without a templateName uses it", async () => {
    const page = await ok(
      app.viewer.token,
      `{ formationTemplatesByName(name: "Side-by-side extensibility with Kyma") { data { name runtimeTypes } totalCount } }`,
    );
    assert.equal(page.formationTemplatesByName.totalCount, 1);
  });

  test("the input's rules: BAD_USER_INPUT naming the field, nothing written", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...fixInput(" "), name: "   " }, "in.name"],
      [fixInput("x".repeat(257)), "in.name"],
      [{ ...fixInput("no app types"), applicationTypes: [] }, "in.applicationTypes"],
      [{ ...fixInput("empty app type"), applicationTypes: ["a", ""] }, "in.applicationTypes[1]"],
      [{ ...fixInput("too many"), applicationTypes: Array.from({ length: 101 }, (_, i) => `t${i}`) }, "in.applicationTypes"],
      [{ ...fixInput("half runtime"), runtimeArtifactKind: null }, "in.runtimeTypes"],
      [{ ...fixInput("long display"), runtimeTypeDisplayName: "d".repeat(513) }, "in.runtimeTypeDisplayName"],
      [{ ...fixInput("consumers"), discoveryConsumers: ["nobody"] }, "in.discoveryConsumers[0]"],
      [{ ...fixInput("bad label"), labels: { "bad key": 1 } }, "in.labels.bad key"],
      [{ ...fixInput("private hook"), webhooks: [{ type: "FORMATION_LIFECYCLE", url: "http://169.254.169.254/" }] }, "in.webhooks[0].url"],
    ];
    const count = await app.db.formationTemplate.count();
    for (const [input, field] of cases) {
      const error = errorOf(await as(systemToken, CREATE, { in: input }));
      assert.equal(error.code, "BAD_USER_INPUT", `${field}: ${error.message}`);
      assert.equal(error.field, field, error.message);
    }
    assert.equal(await app.db.formationTemplate.count(), count);
  });

  test("names are unique: a burst of the same name makes one, the rest CONFLICT on in.name", async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => as(systemToken, CREATE, { in: fixInput("burst-template") })));
    const made = results.filter((body) => !body.errors);
    assert.equal(made.length, 1);
    for (const body of results.filter((b) => b.errors)) assert.deepEqual([errorOf(body).code, errorOf(body).field], ["CONFLICT", "in.name"]);
    const renamed = await createTemplate(fixInput("other-template"));
    const error = errorOf(
      await as(systemToken, `mutation($id: ID!, $in: FormationTemplateUpdateInput!) { updateFormationTemplate(id: $id, in: $in) { id } }`, {
        id: renamed.id,
        in: fixInput("burst-template"),
      }),
    );
    assert.deepEqual([error.code, error.field], ["CONFLICT", "in.name"]);
  });

  test("who may write: a viewer reads but may not write; an integration system without formation_template:write may not", async () => {
    assert.equal(errorOf(await as(app.viewer.token, CREATE, { in: fixInput("viewer's") })).code, "FORBIDDEN");
    assert.ok((await ok(app.viewer.token, `{ formationTemplates { totalCount } }`)).formationTemplates.totalCount >= 1);
    const plain = await createIntegrationSystem(app.db, admin, { name: "plain system" });
    const plainCredential = await generateClientCredentials(app.db, admin, plain.id, {
      scopes: ["formation_template:read"],
      grantable: GRANTABLE_INTEGRATION_SYSTEM_SCOPES,
    });
    recordSecret(plainCredential.clientSecret);
    const plainClient = await app.instance.oauth2.clients.find(plainCredential.id);
    assert.ok(plainClient);
    const plainToken = (await issueAccessToken(app.instance.oauth2, plainClient, [...plainClient.scopes], TEST_ORIGIN)).access_token;
    recordSecret(plainToken);
    assert.equal(errorOf(await as(plainToken, CREATE, { in: fixInput("plain's") })).code, "FORBIDDEN");
    const created = await createTemplate(fixInput("labelled"), app.admin.token);
    assert.equal(errorOf(await as(plainToken, exampleDocument("set-formation-template-label", undefined, { [ID]: created.id }))).code, "FORBIDDEN");
  });

  test("label filters take a key only; setting a label on an unknown template is NOT_FOUND", async () => {
    const error = errorOf(await as(systemToken, `{ formationTemplates(filter: [{ key: "a", query: "$[*] ? (@ == \\"b\\")" }]) { totalCount } }`));
    assert.deepEqual([error.code, error.field], ["BAD_USER_INPUT", "filter[0].query"]);
    const created = await createTemplate({ ...fixInput("filtered"), labels: { onlyHere: true } });
    const page = await ok(systemToken, `{ formationTemplates(filter: [{ key: "onlyHere" }]) { data { id } } }`);
    assert.deepEqual(page.formationTemplates.data, [{ id: created.id }]);
    assert.equal(errorOf(await as(systemToken, exampleDocument("set-formation-template-label", undefined, { [ID]: ID }))).code, "NOT_FOUND");
  });
});
