import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { rejectsWithCode, setupTestApp, serviceChecks } from "@/test/harness";
import { integrationSystemPrincipal } from "@/domain/principals/principal";
import { createIntegrationSystem, deleteIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { createTenant } from "@/domain/tenants/tenant.service";
import {
  findApplication,
  listApplications,
  listApplicationsOfSystem,
  registerApplication,
  unregisterApplication,
  updateApplication,
} from "./application.service";

const app = await setupTestApp();
/** Everything a failed mutation must leave as it was: these tables and the audit log. */
const { snapshot, expectRejectedWithoutChange, auditOf } = serviceChecks(app.db, ["integrationSystem", "tenant", "application"]);
const admin = app.admin.principal;

let counter = 0;
const newTenant = () => createTenant(app.db, admin, { externalId: `t-${++counter}`, name: "Tenant" });

async function newSystem() {
  const system = await createIntegrationSystem(app.db, admin, { name: `System ${++counter}` });
  const principal = integrationSystemPrincipal(
    { integrationSystemId: system.id, integrationSystemName: system.name, clientId: `client-${counter}` },
    { jti: `jti-${counter}`, scope: "application:read application:write" },
  );
  return { system, principal };
}

describe("register", () => {
  test("names follow the integration system rules and are unique per tenant ignoring case", async () => {
    const tenant = await newTenant();
    const other = await newTenant();
    const created = await registerApplication(app.db, admin, tenant, { name: "  My App ", description: "  described " });
    assert.equal(created.name, "My App");
    assert.equal(created.description, "described");
    assert.equal(created.integrationSystemId, null, "a user may register an application no system manages");
    await expectRejectedWithoutChange(() => registerApplication(app.db, admin, tenant, { name: "MY APP" }), "CONFLICT", "in.name");
    assert.ok(await registerApplication(app.db, admin, other, { name: "my app" }), "the same name in another tenant is fine");
    for (const name of ["", "-x", "a/b", "n".repeat(65)]) {
      await expectRejectedWithoutChange(() => registerApplication(app.db, admin, tenant, { name }), "BAD_USER_INPUT", "in.name");
    }
    await expectRejectedWithoutChange(
      () => registerApplication(app.db, admin, tenant, { name: "long", description: "d".repeat(2001) }),
      "BAD_USER_INPUT",
      "in.description",
    );
    assert.equal((await registerApplication(app.db, admin, tenant, { name: "max", description: "d".repeat(2000) })).description?.length, 2000);
  });

  test("a user may name an existing integration system; an unknown one is NOT_FOUND", async () => {
    const tenant = await newTenant();
    const { system } = await newSystem();
    const managed = await registerApplication(app.db, admin, tenant, { name: "Managed", integrationSystemID: system.id });
    assert.equal(managed.integrationSystemId, system.id);
    await expectRejectedWithoutChange(
      () => registerApplication(app.db, admin, tenant, { name: "Orphan", integrationSystemID: "3f1c2d8e-1111-4222-8333-944455556666" }),
      "NOT_FOUND",
    );
  });

  test("an integration system manages what it registers, whatever the input says; the audit names it as actor", async () => {
    const tenant = await newTenant();
    const { system, principal } = await newSystem();
    const { system: other } = await newSystem();
    const { result, events } = await auditOf(() => registerApplication(app.db, principal, tenant, { name: "By System", integrationSystemID: other.id }));
    assert.equal(result.integrationSystemId, system.id);
    assert.equal(events.length, 1);
    assert.equal(events[0].action, "APPLICATION_REGISTERED");
    assert.equal(events[0].actorType, "INTEGRATION_SYSTEM");
    assert.equal(events[0].actorId, system.id);
    assert.equal(events[0].actorLabel, system.name);
    assert.equal(events[0].authMethod, "ACCESS_TOKEN");
    assert.deepEqual(JSON.parse(events[0].details!), {
      name: "By System",
      description: null,
      providerName: null,
      baseUrl: null,
      healthCheckUrl: null,
      applicationNamespace: null,
      localTenantId: null,
      statusCondition: "INITIAL",
      tenantId: tenant.id,
      tenantExternalId: tenant.externalId,
      integrationSystemId: system.id,
    });
  });

  test("a tenant deleted since the request named it is NOT_FOUND", async () => {
    const tenant = await newTenant();
    await app.db.tenant.delete({ where: { id: tenant.id } });
    await expectRejectedWithoutChange(() => registerApplication(app.db, admin, tenant, { name: "Late" }), "NOT_FOUND");
  });
});

describe("update and unregister", () => {
  test("are tenant-scoped: another tenant's application is NOT_FOUND", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const application = await registerApplication(app.db, admin, a, { name: "Isolated" });
    assert.equal(await findApplication(app.db, b, application.id), null);
    assert.equal((await findApplication(app.db, a, application.id))?.id, application.id);
    await expectRejectedWithoutChange(() => updateApplication(app.db, admin, b, application.id, { name: "Hijacked" }), "NOT_FOUND");
    await expectRejectedWithoutChange(() => unregisterApplication(app.db, admin, b, application.id), "NOT_FOUND");
  });

  test("update changes what it is given (Compass's update), keeps names unique, and is audited", async () => {
    const tenant = await newTenant();
    const application = await registerApplication(app.db, admin, tenant, { name: "Before", description: "old", providerName: "acme" });
    await registerApplication(app.db, admin, tenant, { name: "Taken" });
    await expectRejectedWithoutChange(() => updateApplication(app.db, admin, tenant, application.id, { name: "taken" }), "CONFLICT", "in.name");
    const { result, events } = await auditOf(() => updateApplication(app.db, admin, tenant, application.id, { name: "BEFORE" }));
    assert.equal(result.name, "BEFORE", "its own name in another case is fine");
    assert.equal(result.description, "old", "an omitted description stays, as in Compass");
    assert.equal(result.providerName, "acme", "so does every omitted field");
    assert.equal(events[0].action, "APPLICATION_UPDATED");
    assert.deepEqual(
      { name: JSON.parse(events[0].details!).before.name, description: JSON.parse(events[0].details!).before.description },
      { name: "Before", description: "old" },
    );
    const renamedless = await updateApplication(app.db, admin, tenant, application.id, { description: "", providerName: "" });
    assert.equal(renamedless.name, "BEFORE", "no name: the name stays");
    assert.equal(renamedless.description, null, "an empty description clears it");
    assert.equal(renamedless.providerName, null, "an empty providerName clears it");
  });

  test("an integration system may change only the applications it manages; users may change any", async () => {
    const tenant = await newTenant();
    const mine = await newSystem();
    const theirs = await newSystem();
    const own = await registerApplication(app.db, mine.principal, tenant, { name: "Mine" });
    const foreign = await registerApplication(app.db, theirs.principal, tenant, { name: "Theirs" });
    const unmanaged = await registerApplication(app.db, admin, tenant, { name: "Unmanaged" });
    for (const target of [foreign, unmanaged]) {
      await expectRejectedWithoutChange(() => updateApplication(app.db, mine.principal, tenant, target.id, { name: "Taken over" }), "FORBIDDEN");
      await expectRejectedWithoutChange(() => unregisterApplication(app.db, mine.principal, tenant, target.id), "FORBIDDEN");
    }
    assert.equal((await updateApplication(app.db, mine.principal, tenant, own.id, { name: "Mine 2" })).name, "Mine 2");
    assert.equal((await updateApplication(app.db, admin, tenant, foreign.id, { name: "Admin renamed" })).name, "Admin renamed");
    const { events } = await auditOf(() => unregisterApplication(app.db, mine.principal, tenant, own.id));
    assert.equal(events[0].action, "APPLICATION_UNREGISTERED");
    assert.equal(events[0].actorId, mine.system.id);
    assert.equal(await app.db.application.count({ where: { id: own.id } }), 0);
  });
});

describe("integrity", () => {
  test("deleting an integration system that manages applications is a CONFLICT naming how many; nothing is deleted", async () => {
    const { system, principal } = await newSystem();
    const a = await newTenant();
    const b = await newTenant();
    const first = await registerApplication(app.db, principal, a, { name: "One" });
    await registerApplication(app.db, principal, b, { name: "Two" });
    await registerApplication(app.db, principal, b, { name: "Three" });
    const before = await snapshot();
    await assert.rejects(deleteIntegrationSystem(app.db, admin, system.id), (error: { message: string; code: string; details?: Record<string, unknown> }) => {
      assert.equal(error.code, "CONFLICT");
      assert.equal(error.details?.applicationCount, 3);
      assert.equal(error.message, `Integration system "${system.name}" still manages 3 applications; unregister them first`);
      return true;
    });
    assert.deepEqual(await snapshot(), before);

    for (const application of await app.db.application.findMany({ where: { integrationSystemId: system.id } })) {
      const tenant = application.tenantId === a.id ? a : b;
      await unregisterApplication(app.db, admin, tenant, application.id);
    }
    assert.equal((await deleteIntegrationSystem(app.db, admin, system.id)).id, system.id, "with none left it goes");
    assert.equal(await app.db.application.count({ where: { id: first.id } }), 0);
  });
});

describe("lists", () => {
  test("a tenant's applications, oldest first, with literal case-insensitive search and keyset cursors", async () => {
    const tenant = await newTenant();
    const other = await newTenant();
    for (const name of ["Alpha 100", "beta_app", "Gamma", "ALPHA two", "betaXapp"]) await registerApplication(app.db, admin, tenant, { name });
    await registerApplication(app.db, admin, other, { name: "Alpha elsewhere" });

    const all = await listApplications(app.db, tenant, { first: 3 });
    assert.deepEqual(
      all.rows.map((a) => a.name),
      ["Alpha 100", "beta_app", "Gamma"],
    );
    assert.equal(await all.countTotal(), 5);
    const rest = await listApplications(app.db, tenant, { first: 3, after: all.pageInfo.endCursor });
    assert.deepEqual(
      rest.rows.map((a) => a.name),
      ["ALPHA two", "betaXapp"],
    );
    assert.equal(rest.pageInfo.hasNextPage, false);

    const alpha = await listApplications(app.db, tenant, { first: 1, search: "alpha" });
    assert.deepEqual(
      alpha.rows.map((a) => a.name),
      ["Alpha 100"],
    );
    assert.equal(await alpha.countTotal(), 2, "counts only this tenant's matches");
    const alphaRest = await listApplications(app.db, tenant, { first: 1, search: "alpha", after: alpha.pageInfo.endCursor });
    assert.deepEqual(
      alphaRest.rows.map((a) => a.name),
      ["ALPHA two"],
    );
    assert.equal(alphaRest.pageInfo.hasNextPage, false);
    assert.deepEqual(
      (await listApplications(app.db, tenant, { first: 10, search: "_" })).rows.map((a) => a.name),
      ["beta_app"],
      "_ is literal",
    );
    assert.deepEqual((await listApplications(app.db, tenant, { first: 10, search: "%" })).rows, [], "% is literal");
    await rejectsWithCode(listApplications(app.db, tenant, { first: 1, after: "nope" }), "BAD_USER_INPUT", "after");
  });

  test("an integration system's applications across tenants", async () => {
    const { system, principal } = await newSystem();
    const a = await newTenant();
    const b = await newTenant();
    await registerApplication(app.db, principal, a, { name: "In A" });
    await registerApplication(app.db, admin, a, { name: "Not managed" });
    await registerApplication(app.db, principal, b, { name: "In B" });
    const page = await listApplicationsOfSystem(app.db, system.id, { first: 1 });
    assert.deepEqual(
      page.rows.map((x) => x.name),
      ["In A"],
    );
    assert.equal(await page.countTotal(), 2);
    const next = await listApplicationsOfSystem(app.db, system.id, { first: 1, after: page.pageInfo.endCursor });
    assert.deepEqual(
      next.rows.map((x) => x.name),
      ["In B"],
    );
    assert.equal(next.pageInfo.hasNextPage, false);
    const tenantCursor = (await listApplications(app.db, a, { first: 1 })).pageInfo.endCursor;
    await rejectsWithCode(listApplicationsOfSystem(app.db, system.id, { first: 1, after: tenantCursor }), "BAD_USER_INPUT", "after");
  });
});
