/**
 * Kyma Compass's own documents for formation constraints
 * (test/fixtures/compass/examples, verbatim but for the ids of this run's
 * objects), sent as Compass's e2e tests send them, by an integration system's
 * token without a tenant (tests/director/tests/formation/formation_constraint_test.go).
 * Then what those tests do not send: the input template's check, who may write,
 * attaching twice, a constraint deleted with its attachments (decision 0036).
 * Runs on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { GRANTABLE_INTEGRATION_SYSTEM_SCOPES } from "@/lib/config";
import { exampleDocument } from "./compass-example-documents";
import { integrationSystemToken, setupTestApp } from "./harness";

process.env.INTEGRATION_SYSTEM_SCOPES = GRANTABLE_INTEGRATION_SYSTEM_SCOPES.join(" ");
const app = await setupTestApp();
const _admin = app.admin.principal;
const ID = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";

const { token } = await integrationSystemToken(app, "constraints system");

type Body = { data?: any; errors?: { message: string; extensions: Record<string, any> }[] };
const as = async (query: string, variables: Record<string, unknown> = {}, caller = token) =>
  (await app.graphql(query, variables, { token: caller })).body as Body;
async function ok(query: string, variables: Record<string, unknown> = {}, caller = token) {
  const body = await as(query, variables, caller);
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}
const errorOf = (body: Body) => {
  assert.ok(body.errors?.length, `expected an error, got ${JSON.stringify(body.data)}`);
  return { code: body.errors[0].extensions.code, field: body.errors[0].extensions.field, message: body.errors[0].message };
};

const newTemplate = async (name: string) =>
  (await ok(`mutation($in: FormationTemplateRegisterInput!) { t: createFormationTemplate(in: $in) { id } }`, { in: { name, applicationTypes: ["app"] } })).t
    .id as string;

test("Compass's constraint documents: create, query, list, update, attach, query-formation-template-with-constraints, list for the template, detach (both folders), delete", async () => {
  const created = (await ok(exampleDocument("create-formation-constraint"))).result;
  assert.deepEqual(
    { ...created, id: undefined, createdAt: undefined },
    {
      id: undefined,
      createdAt: undefined,
      name: "test_constraint",
      description: "description",
      constraintType: "PRE",
      targetOperation: "ASSIGN_FORMATION",
      operator: "IsNotAssignedToAnyFormationOfType",
      resourceType: "TENANT",
      resourceSubtype: "subaccount",
      inputTemplate:
        '{"formation_template_id": "{{.FormationTemplateID}}","resource_type": "{{.ResourceType}}","resource_subtype": "{{.ResourceSubtype}}","resource_id": "{{.ResourceID}}","tenant": "{{.TenantID}}"}',
      constraintScope: "FORMATION_TYPE",
      priority: 7,
    },
  );
  assert.deepEqual((await ok(exampleDocument("query-formation-constraint", undefined, { [ID]: created.id }), {}, app.viewer.token)).result, created);
  const listed = (await ok(exampleDocument("list-formation-constraints"))).result;
  assert.deepEqual(
    listed.map((c: { id: string }) => c.id),
    [created.id],
  );

  const updated = (await ok(exampleDocument("update-formation-constraint", undefined, { [ID]: created.id }))).result;
  assert.match(updated.inputTemplate, /"key": "value"/);
  assert.equal(updated.name, "test_constraint");

  const templateId = await newTemplate("constrained");
  const attached = (await ok(exampleDocument("attach-constraint-to-formation-template", undefined, { [ID]: [created.id, templateId] }))).result;
  assert.deepEqual(attached, { constraintID: created.id, formationTemplateID: templateId });
  const twice = errorOf(await as(exampleDocument("attach-constraint-to-formation-template", undefined, { [ID]: [created.id, templateId] })));
  assert.equal(twice.code, "CONFLICT");
  const withConstraints = (await ok(exampleDocument("query-formation-template-with-constraints", undefined, { [ID]: templateId }))).result;
  assert.deepEqual(
    withConstraints.formationConstraints.map((c: { id: string }) => c.id),
    [created.id],
  );
  const forTemplate = (await ok(exampleDocument("list-formation-constraints-for-formation-template", undefined, { [ID]: templateId }))).result;
  assert.deepEqual(
    forTemplate.map((c: { id: string }) => c.id),
    [created.id],
  );

  const detached = (await ok(exampleDocument("detach-constraint-from-formation-template", undefined, { [ID]: [created.id, templateId] }))).result;
  assert.deepEqual(detached, { constraintID: created.id, formationTemplateID: templateId });
  // Compass's misspelled folder holds the same document: detaching what is no longer attached is NOT_FOUND.
  const again = errorOf(await as(exampleDocument("detach-constraint-from-frmation-template", undefined, { [ID]: [created.id, templateId] })));
  assert.equal(again.code, "NOT_FOUND");

  await ok(exampleDocument("attach-constraint-to-formation-template", undefined, { [ID]: [created.id, templateId] }));
  const deleted = (await ok(exampleDocument("delete-formation-constraint", undefined, { [ID]: created.id }))).result;
  assert.equal(deleted.id, created.id);
  assert.equal(await app.db.formationTemplateConstraint.count({ where: { constraintId: created.id } }), 0);
  assert.equal(errorOf(await as(exampleDocument("query-formation-constraint", undefined, { [ID]: created.id }))).code, "NOT_FOUND");
});

test("an input template that does not parse, and empty fields, are BAD_USER_INPUT naming the field; nothing is written", async () => {
  const CREATE = `mutation($in: FormationConstraintInput!) { createFormationConstraint(formationConstraint: $in) { id } }`;
  const input = {
    name: "c",
    constraintType: "PRE",
    targetOperation: "ASSIGN_FORMATION",
    operator: "op",
    resourceType: "APPLICATION",
    resourceSubtype: "sub",
    inputTemplate: '{"a": "{{.ResourceID}}"}',
    constraintScope: "GLOBAL",
  };
  const before = await app.db.formationConstraint.count();
  for (const [change, field] of [
    [{ inputTemplate: '{"a": "{{.ResourceID}"}' }, "formationConstraint.inputTemplate"],
    [{ inputTemplate: '{"a": }' }, "formationConstraint.inputTemplate"],
    [{ inputTemplate: '["not an object"]' }, "formationConstraint.inputTemplate"],
    // The request's own text bound (TEXT_MAXIMA) answers first, naming the variable's path.
    [{ inputTemplate: `{"a": "${"x".repeat(10_001)}"}` }, "in.inputTemplate"],
    [{ name: "  " }, "formationConstraint.name"],
    [{ operator: "o".repeat(257) }, "formationConstraint.operator"],
    [{ priority: 2 ** 30 }, "formationConstraint.priority"],
  ] as const) {
    const error = errorOf(await as(CREATE, { in: { ...input, ...change } }));
    assert.deepEqual([error.code, error.field], ["BAD_USER_INPUT", field], error.message);
  }
  assert.equal(await app.db.formationConstraint.count(), before);
  // A viewer reads constraints but may not write them.
  assert.equal(errorOf(await as(CREATE, { in: input }, app.viewer.token)).code, "FORBIDDEN");
  assert.ok(Array.isArray((await ok(`{ formationConstraints { id } }`, {}, app.viewer.token)).formationConstraints));
});
