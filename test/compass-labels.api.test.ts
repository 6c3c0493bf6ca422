/**
 * Issue 22: Compass's example documents for labels and label definitions
 * (test/fixtures/compass/examples, verbatim through
 * test/compass-example-documents.ts), sent as a Compass client sends them, and
 * checked for what Compass's e2e tests check of them
 * (tests/director/tests/labeling_api_test.go: TestListLabelDefinitions,
 * TestCreateLabel; validation_test.go: TestCreateLabelDefinition_Validation,
 * TestUpdateLabelDefinition_Validation, TestSetApplicationLabel_Validation).
 * The errors keep our `extensions.code` and `field` beside Compass's words.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createTenant } from "@/domain/tenants/tenant.service";
import { exampleDocument } from "./compass-example-documents";
import { type GraphQLResponse, onlyError, setupTestApp } from "./harness";

const app = await setupTestApp();
const tenant = await createTenant(app.db, app.admin.principal, { externalId: "compass-labels", name: "Compass labels" });
const inTenant = { ...app.admin, headers: { tenant: tenant.externalId } };

/** Compass's run's application id in the label examples. */
const COMPASS_APP_ID = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";

async function send(document: string): Promise<GraphQLResponse> {
  return app.graphql(document, {}, inTenant);
}

/** The `result` of a document that must succeed. */
async function result(document: string): Promise<any> {
  const response = await send(document);
  assert.equal(response.body.errors, undefined, JSON.stringify(response.body.errors));
  return response.body.data!.result;
}

/** The one error of a document that must fail, as Compass's client sees it: code, field, and the message. */
async function failure(document: string): Promise<{ message: string; code: string; field: string }> {
  const response = await send(document);
  const error = onlyError(response);
  assert.equal(response.body.data?.result ?? null, null);
  return { message: error.message, code: error.extensions.code, field: error.extensions.field };
}

const SCENARIOS_SCHEMA = { items: { enum: ["test-scenario"], type: "string" }, minItems: 1, type: "array", uniqueItems: true };

test("TestListLabelDefinitions: create-label-definition (or, if the key has one already, the same input to update), then query-label-definitions", async () => {
  const create = exampleDocument("create-label-definition");
  const response = await send(create);
  // Compass's test: "The Label Definition already exists" -> the same input through updateLabelDefinition.
  const output = response.body.errors
    ? await result(exampleDocument("create-label-definition", undefined, { createLabelDefinition: "updateLabelDefinition" }))
    : response.body.data!.result;
  assert.equal(output.key, "scenarios");
  assert.deepEqual(JSON.parse(output.schema), SCENARIOS_SCHEMA);

  // `labelDefinitions()`: Compass's empty argument list.
  const definitions = await result(exampleDocument("query-label-definitions"));
  assert.equal(definitions.length, 1, JSON.stringify(definitions));
  assert.deepEqual(definitions, [output], "the list holds the definition as created");
});

test("TestCreateLabelDefinition_Validation and TestUpdateLabelDefinition_Validation: a blank key is `key=cannot be blank`", async () => {
  const update = await failure(exampleDocument("update-label-definition"));
  assert.match(update.message, /key=cannot be blank/);
  assert.deepEqual([update.code, update.field], ["BAD_USER_INPUT", "in.key"]);
  // Compass's create request is the same input through createLabelDefinition.
  const create = await failure(exampleDocument("update-label-definition", undefined, { updateLabelDefinition: "createLabelDefinition" }));
  assert.match(create.message, /key=cannot be blank/);
  assert.deepEqual([create.code, create.field], ["BAD_USER_INPUT", "in.key"]);
  assert.equal(await app.db.labelDefinition.count({ where: { tenantId: tenant.id, key: "" } }), 0);
});

test("TestCreateLabel: set-application-label, set again with a new value, delete-application-label", async () => {
  const registered = await result(`mutation { result: registerApplication(in: { name: "label-without-label-def" }) { id } }`);
  const ids = { [COMPASS_APP_ID]: registered.id };
  const set = exampleDocument("set-application-label", undefined, ids);
  assert.deepEqual(await result(set), { key: "brand_new_label", value: ["aaa", "bbb"] });
  assert.deepEqual(await result(exampleDocument("set-application-label", undefined, { ...ids, '["aaa", "bbb"]': '"new-val"' })), {
    key: "brand_new_label",
    value: "new-val",
  });
  const stored = await app.db.label.findMany({ where: { tenantId: tenant.id, key: "brand_new_label" } });
  assert.equal(stored.length, 1, "setting again replaces the value");

  const deleted = await result(exampleDocument("delete-application-label", undefined, ids));
  assert.equal(deleted.key, "brand_new_label");
  assert.equal(await app.db.label.count({ where: { tenantId: tenant.id, key: "brand_new_label" } }), 0);

  // TestSetApplicationLabel_Validation: a key of 257 characters.
  const tooLong = await failure(exampleDocument("set-application-label", undefined, { ...ids, brand_new_label: "x".repeat(257) }));
  assert.match(tooLong.message, /key=the length must be no more than 256/);
  assert.deepEqual([tooLong.code, tooLong.field], ["BAD_USER_INPUT", "key"]);
  // The longest key Compass allows is fine.
  assert.equal((await result(exampleDocument("set-application-label", undefined, { ...ids, brand_new_label: "x".repeat(256) }))).key, "x".repeat(256));
  // And a key Compass's pattern refuses says so in Compass's words.
  const badFormat = await failure(exampleDocument("set-application-label", undefined, { ...ids, brand_new_label: "brand-new.label" }));
  assert.match(badFormat.message, /key=must be in a valid format/);
});
