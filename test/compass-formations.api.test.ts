/**
 * Kyma Compass's own documents for formations, their assignments and
 * automatic scenario assignments (test/fixtures/compass/examples, verbatim
 * but for the ids of this run's objects), sent as Compass's e2e tests send
 * them, by an integration system's token with the tenant header
 * (tests/director/tests/formation/formation_api_test.go and
 * scenario_assignment_test.go). Then what those tests do not send: the
 * `scenarios` label kept in step, the label definition's enum, refusals, a
 * burst of parallel assigns, other tenants' objects (decision 0036).
 * Runs on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { registerApplication } from "@/domain/applications/application.service";
import { registerRuntime } from "@/domain/runtimes/runtime.service";
import { RUNTIME_CONTEXT } from "@/domain/tenant-objects/kinds/runtime-context";
import { registerObject } from "@/domain/tenant-objects/tenant-object.service";
import { createLabelDefinition } from "@/domain/labels/label-definition.service";
import { createTenant, deleteTenant } from "@/domain/tenants/tenant.service";
import { writeTenants } from "@/domain/tenants/tenant-mapping.service";
import { GRANTABLE_INTEGRATION_SYSTEM_SCOPES } from "@/lib/config";
import { exampleDocument } from "./compass-example-documents";
import { integrationSystemToken, setupTestApp } from "./harness";

process.env.INTEGRATION_SYSTEM_SCOPES = GRANTABLE_INTEGRATION_SYSTEM_SCOPES.join(" ");
const app = await setupTestApp();
const admin = app.admin.principal;
const ID = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";

const { token } = await integrationSystemToken(app, "formations system");

let tenantCount = 0;
async function newTenant() {
  return createTenant(app.db, admin, { externalId: `formations-${++tenantCount}-${Date.now().toString(36)}`, name: "Formations" });
}

type Body = { data?: any; errors?: { message: string; extensions: Record<string, any> }[] };
async function as(query: string, tenant: string | null, variables: Record<string, unknown> = {}, caller = token): Promise<Body> {
  return (await app.graphql(query, variables, { token: caller, headers: tenant ? { tenant } : {} })).body as Body;
}
async function ok(query: string, tenant: string | null, variables: Record<string, unknown> = {}, caller = token) {
  const body = await as(query, tenant, variables, caller);
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}
const errorOf = (body: Body) => {
  assert.ok(body.errors?.length, `expected an error, got ${JSON.stringify(body.data)}`);
  return { code: body.errors[0].extensions.code, field: body.errors[0].extensions.field, message: body.errors[0].message };
};
const scenariosOf = async (objectId: string) => (await app.db.label.findUnique({ where: { objectId_key: { objectId, key: "scenarios" } } }))?.value ?? null;
const createFormation = (tenant: string, name: string, templateName?: string) =>
  ok(`mutation($f: FormationInput!) { createFormation(formation: $f) { id name } }`, tenant, { f: { name, templateName } }).then((d) => d.createFormation);

describe("Compass's formation documents (formation_api_test.go)", () => {
  test("TestCreateFormation / TestDeleteFormation: create-formation, query-formation, query-formation-by-name, query-formations, delete-formation", async () => {
    const tenant = await newTenant();
    const created = (await ok(exampleDocument("create-formation"), tenant.externalId)).result;
    assert.equal(created.name, "testScenario");
    assert.equal(created.state, "READY");
    assert.deepEqual(created.status, { condition: "READY", errors: [] });
    const defaultTemplate = await app.db.formationTemplate.findUniqueOrThrow({ where: { name: "Side-by-side extensibility with Kyma" } });
    assert.equal(created.formationTemplateId, defaultTemplate.id);

    const read = (await ok(exampleDocument("query-formation", undefined, { [ID]: created.id }), tenant.externalId)).result;
    assert.deepEqual(read, created);
    assert.deepEqual((await ok(exampleDocument("query-formation-by-name"), tenant.externalId)).result, created);
    const page = (await ok(exampleDocument("query-formations"), tenant.externalId)).result;
    assert.equal(page.totalCount, 1);
    assert.deepEqual(page.data[0].id, created.id);
    // Another tenant sees none of it.
    const other = await newTenant();
    assert.equal((await ok(exampleDocument("query-formation", undefined, { [ID]: created.id }), other.externalId)).result, null);
    assert.equal((await ok(exampleDocument("query-formations"), other.externalId)).result.totalCount, 0);

    // Creating it twice is CONFLICT; delete-formation (by name: ADDITIONAL) then deletes that one.
    const again = errorOf(await as(exampleDocument("create-formation"), tenant.externalId));
    assert.deepEqual([again.code, again.field], ["CONFLICT", "formation.name"]);
    const additional = await createFormation(tenant.externalId, "ADDITIONAL");
    const deleted = (await ok(exampleDocument("delete-formation"), tenant.externalId)).result;
    assert.equal(deleted.id, additional.id);
    assert.equal(await app.db.formation.count({ where: { id: additional.id } }), 0);
    assert.equal(errorOf(await as(exampleDocument("delete-formation"), tenant.externalId)).code, "NOT_FOUND");
  });

  test("TestApplicationFormationFlow: assign-application-to-formation puts the name in its scenarios; formationsForObject; unassign takes it out", async () => {
    const tenant = await newTenant();
    const application = await registerApplication(app.db, admin, tenant, { name: "formation app" });
    const first = await createFormation(tenant.externalId, "first");
    const assigned = (await ok(exampleDocument("assign-formation", "assign-application-to-formation.graphql", { [ID]: application.id }), tenant.externalId))
      .result;
    assert.equal(assigned.id, first.id);
    assert.deepEqual(await scenariosOf(application.id), ["first"]);

    const additional = await createFormation(tenant.externalId, "ADDITIONAL");
    await ok(`mutation($id: ID!) { assignFormation(objectID: $id, objectType: APPLICATION, formation: { name: "ADDITIONAL" }) { id } }`, tenant.externalId, {
      id: application.id,
    });
    assert.deepEqual(await scenariosOf(application.id), ["first", "ADDITIONAL"]);

    // list-formations-for-object-global: no tenant header; its assignments (itself towards itself).
    const formations = (await ok(exampleDocument("list-formations-for-object-global", undefined, { [ID]: application.id }), null)).result;
    assert.deepEqual(formations.map((f: { name: string }) => f.name).sort(), ["ADDITIONAL", "first"]);
    const assignments = formations[0].formationAssignments;
    assert.equal(assignments.totalCount, 1);
    assert.deepEqual(
      { ...assignments.data[0], id: undefined },
      {
        id: undefined,
        source: application.id,
        sourceType: "APPLICATION",
        target: application.id,
        targetType: "APPLICATION",
        state: "READY",
        value: null,
        configuration: null,
        error: null,
        assignmentOperations: { data: [], pageInfo: { startCursor: "", endCursor: "", hasNextPage: false }, totalCount: 0 },
      },
    );

    // An application in a formation is not unregistered (decision 0020), nor is the formation deleted.
    const refusedDelete = errorOf(await as(exampleDocument("delete-formation"), tenant.externalId));
    assert.deepEqual([refusedDelete.code, refusedDelete.field], ["CONFLICT", "formation.name"]);

    const unassigned = (
      await ok(exampleDocument("unassign-formation", "unassign-application-from-formation.graphql", { [ID]: application.id }), tenant.externalId)
    ).result;
    assert.equal(unassigned.id, additional.id);
    assert.deepEqual(await scenariosOf(application.id), ["first"]);
    // Unassigning again changes nothing.
    await ok(exampleDocument("unassign-formation", "unassign-application-from-formation.graphql", { [ID]: application.id }), tenant.externalId);

    // unassign-formation-global: by the formation's id, no tenant header; the last scenario leaves and the label goes.
    const global = (
      await ok(exampleDocument("unassign-formation-global", "unassign-application-from-formation-global.graphql", { [ID]: [application.id, first.id] }), null)
    ).result;
    assert.equal(global.id, first.id);
    assert.equal(global.formationAssignments.totalCount, 0);
    assert.equal(await scenariosOf(application.id), null);
    assert.deepEqual((await ok(exampleDocument("list-formations-for-object-global", undefined, { [ID]: application.id }), null)).result, []);
    await ok(exampleDocument("delete-formation"), tenant.externalId);
  });

  test("TestRuntimeFormationFlow / runtime contexts: assign-runtime- and assign-runtime-context-to-formation, with assignments towards each other; unassign both", async () => {
    const tenant = await newTenant();
    const runtime = await registerRuntime(app.db, admin, tenant, { name: "formation runtime" });
    const context = await registerObject(RUNTIME_CONTEXT, app.db, admin, tenant, { key: "sub", value: "c1" }, runtime.id);
    const application = await registerApplication(app.db, admin, tenant, { name: "formation app 2" });
    await createFormation(tenant.externalId, "ADDITIONAL");
    await ok(exampleDocument("assign-formation", "assign-runtime-to-formation.graphql", { [ID]: runtime.id }), tenant.externalId);
    await ok(exampleDocument("assign-formation", "assign-runtime-context-to-formation.graphql", { [ID]: context.id }), tenant.externalId);
    await ok(`mutation($id: ID!) { assignFormation(objectID: $id, objectType: APPLICATION, formation: { name: "ADDITIONAL" }) { id } }`, tenant.externalId, {
      id: application.id,
    });
    assert.deepEqual(await scenariosOf(runtime.id), ["ADDITIONAL"]);
    assert.deepEqual(await scenariosOf(context.id), ["ADDITIONAL"]);
    // Three participants: each towards each, itself included.
    const formation = await app.db.formation.findFirstOrThrow({ where: { tenantId: tenant.id, name: "ADDITIONAL" } });
    assert.equal(await app.db.formationAssignment.count({ where: { formationId: formation.id } }), 9);
    // The runtime now sees the application (applicationsForRuntime reads the same label).
    const seen = await ok(`query($id: ID!) { applicationsForRuntime(runtimeID: $id) { data { id } } }`, tenant.externalId, { id: runtime.id });
    assert.deepEqual(seen.applicationsForRuntime.data, [{ id: application.id }]);

    await ok(exampleDocument("unassign-formation", "unassign-runtime-context-from-formation.graphql", { [ID]: context.id }), tenant.externalId);
    await ok(exampleDocument("unassign-formation", "unassign-runtime-from-formation.graphql", { [ID]: runtime.id }), tenant.externalId);
    assert.equal(await scenariosOf(runtime.id), null);
    assert.equal(await scenariosOf(context.id), null);
    assert.equal(await app.db.formationAssignment.count({ where: { formationId: formation.id } }), 1);
  });

  test("resynchronize-formation-notifications answers the formation; -with-reset is refused when the template does not support resetting", async () => {
    const tenant = await newTenant();
    const formation = await createFormation(tenant.externalId, "resync");
    const answered = (await ok(exampleDocument("resynchronize-formation-notifications", undefined, { [ID]: formation.id }), tenant.externalId)).result;
    assert.equal(answered.id, formation.id);
    assert.equal(answered.state, "READY");
    const refused = errorOf(
      await as(exampleDocument("resynchronize-formation-notifications-with-reset", undefined, { [ID]: formation.id }), tenant.externalId),
    );
    assert.deepEqual([refused.code, refused.field], ["BAD_USER_INPUT", "reset"]);
    assert.equal(refused.message, `The operation is not allowed [reason=formation template "Side-by-side extensibility with Kyma" does not support resetting]`);
    await ok(`mutation($in: FormationTemplateRegisterInput!) { createFormationTemplate(in: $in) { id } }`, null, {
      in: { name: "resettable", applicationTypes: ["a"], supportsReset: true },
    });
    const resettable = await createFormation(tenant.externalId, "resettable-one", "resettable");
    await ok(exampleDocument("resynchronize-formation-notifications-with-reset", undefined, { [ID]: resettable.id }), tenant.externalId);
  });
});

describe("Compass's automatic scenario assignment documents (scenario_assignment_test.go)", () => {
  test("assign-tenant-to-formation makes one; the three ASA queries read it; unassign-tenant-from-formation removes it", async () => {
    const customer = `asa-customer-${Date.now().toString(36)}`;
    const subaccount = `asa-subaccount-${Date.now().toString(36)}`;
    await writeTenants(app.db, admin, [
      { name: "Customer", externalTenant: customer, type: "customer", provider: "" },
      { name: "Subaccount", externalTenant: subaccount, type: "subaccount", provider: "", parents: [customer] },
    ]);
    await createFormation(customer, "FIRST");
    await createFormation(customer, "ASA1");
    const assigned = (await ok(exampleDocument("assign-formation", "assign-tenant-to-formation.graphql", { [ID]: subaccount }), customer)).result;
    assert.equal(assigned.name, "FIRST");
    await ok(`mutation($id: ID!) { assignFormation(objectID: $id, objectType: TENANT, formation: { name: "ASA1" }) { id } }`, customer, { id: subaccount });
    // Twice changes nothing.
    await ok(exampleDocument("assign-formation", "assign-tenant-to-formation.graphql", { [ID]: subaccount }), customer);

    const all = (await ok(exampleDocument("query-automatic-scenario-assignments"), customer)).result;
    assert.equal(all.totalCount, 2);
    assert.deepEqual(all.data, [
      { scenarioName: "FIRST", selector: { key: "global_subaccount_id", value: subaccount } },
      { scenarioName: "ASA1", selector: { key: "global_subaccount_id", value: subaccount } },
    ]);
    const one = (await ok(exampleDocument("query-automatic-scenario-assignment-for-scenario"), customer)).result;
    assert.deepEqual(one, { scenarioName: "ASA1", selector: { key: "global_subaccount_id", value: subaccount } });
    const bySelector = (await ok(exampleDocument("query-automatic-scenario-assignments-for-selector", undefined, { [ID]: subaccount }), customer)).result;
    assert.deepEqual(
      bySelector.map((a: { scenarioName: string }) => a.scenarioName),
      ["FIRST", "ASA1"],
    );

    // A formation with a subaccount is not deleted.
    const refused = errorOf(await as(`mutation { deleteFormation(formation: { name: "FIRST" }) { id } }`, customer));
    assert.equal(refused.code, "CONFLICT");
    await ok(exampleDocument("unassign-formation", "unassign-tenant-from-formation.graphql", { [ID]: subaccount }), customer);
    assert.equal((await ok(exampleDocument("query-automatic-scenario-assignments"), customer)).result.totalCount, 1);
    await ok(`mutation { deleteFormation(formation: { name: "FIRST" }) { id } }`, customer);

    // A tenant that is not below the formation's is refused.
    const stranger = await newTenant();
    const error = errorOf(
      await as(`mutation($id: ID!) { assignFormation(objectID: $id, objectType: TENANT, formation: { name: "ASA1" }) { id } }`, customer, {
        id: stranger.externalId,
      }),
    );
    assert.deepEqual([error.code, error.field], ["BAD_USER_INPUT", "objectID"]);
  });
});

describe("Formations beyond Compass's documents (decision 0036)", () => {
  test("the tenant's scenarios definition keeps the formations' names in its enum", async () => {
    const tenant = await newTenant();
    await createLabelDefinition(app.db, admin, tenant, {
      key: "scenarios",
      schema: JSON.stringify({ type: "array", items: { type: "string", enum: ["DEFAULT"] }, uniqueItems: true }),
    });
    await createFormation(tenant.externalId, "joined");
    const enumOf = async () => {
      const definition = await app.db.labelDefinition.findFirstOrThrow({ where: { tenantId: tenant.id, key: "scenarios" } });
      return JSON.parse(definition.schema!).items.enum;
    };
    assert.deepEqual(await enumOf(), ["DEFAULT", "joined"]);
    const application = await registerApplication(app.db, admin, tenant, { name: "enum app" });
    await ok(`mutation($id: ID!) { assignFormation(objectID: $id, objectType: APPLICATION, formation: { name: "joined" }) { id } }`, tenant.externalId, {
      id: application.id,
    });
    await ok(`mutation($id: ID!) { unassignFormation(objectID: $id, objectType: APPLICATION, formation: { name: "joined" }) { id } }`, tenant.externalId, {
      id: application.id,
    });
    await ok(`mutation { deleteFormation(formation: { name: "joined" }) { id } }`, tenant.externalId);
    assert.deepEqual(await enumOf(), ["DEFAULT"]);
  });

  test("bad input: names, templates, another tenant's object, runtimes on an application-only template", async () => {
    const tenant = await newTenant();
    const CREATE = `mutation($f: FormationInput!) { createFormation(formation: $f) { id } }`;
    for (const [f, field] of [
      [{ name: "x".repeat(129) }, "formation.name"],
      [{ name: "-leading" }, "formation.name"],
      [{ name: "ok name", templateName: "no such template" }, "formation.templateName"],
      [{ name: "ok name", state: "DELETING" }, "formation.state"],
    ] as const) {
      const error = errorOf(await as(CREATE, tenant.externalId, { f }));
      assert.deepEqual([error.code, error.field], ["BAD_USER_INPUT", field], error.message);
    }
    assert.equal(errorOf(await as(CREATE, null, { f: { name: "no tenant" } })).code, "BAD_USER_INPUT");

    const other = await newTenant();
    const foreign = await registerApplication(app.db, admin, other, { name: "foreign app" });
    await createFormation(tenant.externalId, "mine");
    const ASSIGN = `mutation($id: ID!, $t: FormationObjectType!, $n: String!) { assignFormation(objectID: $id, objectType: $t, formation: { name: $n }) { id } }`;
    const notMine = errorOf(await as(ASSIGN, tenant.externalId, { id: foreign.id, t: "APPLICATION", n: "mine" }));
    assert.deepEqual([notMine.code, notMine.field], ["NOT_FOUND", "objectID"]);
    assert.equal(await scenariosOf(foreign.id), null);
    assert.equal(errorOf(await as(ASSIGN, tenant.externalId, { id: foreign.id, t: "APPLICATION", n: "nope" })).code, "NOT_FOUND");

    await ok(`mutation($in: FormationTemplateRegisterInput!) { createFormationTemplate(in: $in) { id } }`, null, {
      in: { name: "apps only", applicationTypes: ["a"] },
    });
    await createFormation(tenant.externalId, "apps", "apps only");
    const runtime = await registerRuntime(app.db, admin, tenant, { name: "rt" });
    const unsupported = errorOf(await as(ASSIGN, tenant.externalId, { id: runtime.id, t: "RUNTIME", n: "apps" }));
    assert.deepEqual([unsupported.code, unsupported.field], ["BAD_USER_INPUT", "objectType"]);
    assert.match(unsupported.message, /does not support resources of type "RUNTIME"/);

    // A viewer reads formations but may not write them.
    assert.equal(errorOf(await as(CREATE, tenant.externalId, { f: { name: "viewer's" } }, app.viewer.token)).code, "FORBIDDEN");
    assert.ok((await ok(`{ formations { totalCount } }`, tenant.externalId, {}, app.viewer.token)).formations.totalCount >= 2);
  });

  test("a burst of parallel assigns of one object and of many: no duplicate rows, no lost scenario", async () => {
    const tenant = await newTenant();
    const names = ["burst-a", "burst-b", "burst-c", "burst-d"];
    for (const name of names) await createFormation(tenant.externalId, name);
    const application = await registerApplication(app.db, admin, tenant, { name: "burst app" });
    const ASSIGN = `mutation($id: ID!, $n: String!) { assignFormation(objectID: $id, objectType: APPLICATION, formation: { name: $n }) { id } }`;
    // The same object into four formations, each twice, at once.
    const results = await Promise.all([...names, ...names].map((n) => as(ASSIGN, tenant.externalId, { id: application.id, n })));
    for (const body of results) assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    assert.deepEqual(((await scenariosOf(application.id)) as string[]).sort(), names);
    assert.equal(await app.db.formationAssignment.count({ where: { source: application.id } }), 4);

    // Many objects into one formation at once: each pair once.
    const apps = await Promise.all(Array.from({ length: 6 }, (_, i) => registerApplication(app.db, admin, tenant, { name: `burst member ${i}` })));
    const many = await Promise.all(apps.map((a) => as(ASSIGN, tenant.externalId, { id: a.id, n: "burst-a" })));
    for (const body of many) assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    const formation = await app.db.formation.findFirstOrThrow({ where: { tenantId: tenant.id, name: "burst-a" } });
    assert.equal(await app.db.formationAssignment.count({ where: { formationId: formation.id } }), 7 * 7);
  });

  test("a tenant deleted with cascade takes its formations with it", async () => {
    const tenant = await newTenant();
    const application = await registerApplication(app.db, admin, tenant, { name: "cascade app" });
    await createFormation(tenant.externalId, "gone");
    await ok(`mutation($id: ID!) { assignFormation(objectID: $id, objectType: APPLICATION, formation: { name: "gone" }) { id } }`, tenant.externalId, {
      id: application.id,
    });
    await deleteTenant(app.db, admin, tenant.id, true);
    assert.equal(await app.db.formation.count({ where: { tenantId: tenant.id } }), 0);
    assert.equal(await app.db.formationAssignment.count({ where: { tenantId: tenant.id } }), 0);
  });
});
