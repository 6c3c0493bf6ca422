import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { rejectsWithCode, setupTestApp, serviceChecks } from "@/test/harness";
import { registerApplication } from "@/domain/applications/application.service";
import { createTenant, deleteTenant, findTenant, listTenants } from "./tenant.service";
import { updateTenant } from "./tenant-mapping.service";
import { tenantScope } from "./tenant-scope";

const app = await setupTestApp();
/** Everything a failed mutation must leave as it was: these tables and the audit log. */
const { snapshot, expectRejectedWithoutChange, auditOf } = serviceChecks(app.db, ["tenant", "application"]);
const actor = app.admin.principal;

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}`;
const create = (externalId = unique("tenant"), name = "Some Tenant") => createTenant(app.db, actor, { externalId, name });

describe("validation", () => {
  test("external ids: 1-64 ASCII letters, digits, '-', '_', '.', starting with a letter or digit; stored trimmed and as given", async () => {
    for (const externalId of ["a", "A".repeat(64), "3f1c2d8e-1111-4222-8333-944455556666", "acme_corp.eu-1", "0"]) {
      assert.equal((await create(externalId)).externalId, externalId);
    }
    assert.equal((await create("  padded-ext  ")).externalId, "padded-ext");
    const invalid = ["", "   ", "x".repeat(65), "-leading", ".leading", "has space", "slash/", "ümlaut", "semi;colon"];
    for (const externalId of invalid) {
      await expectRejectedWithoutChange(() => create(externalId), "BAD_USER_INPUT", "in.externalId");
    }
  });

  test("names start with a letter or digit, may hold punctuation and symbols, and need not be unique", async () => {
    const one = await create(undefined, "  Shared Name ");
    const two = await create(undefined, "shared name");
    assert.equal(one.name, "Shared Name");
    assert.equal(two.name, "shared name");
    assert.equal((await create(undefined, "Procter & Gamble, Inc.")).name, "Procter & Gamble, Inc.");
    for (const name of ["", "-x", "&co", "tab\there", "n".repeat(65)]) {
      await expectRejectedWithoutChange(() => create(undefined, name), "BAD_USER_INPUT", "in.name");
    }
  });

  test("external ids are unique ignoring case, on create and on update", async () => {
    await create("Unique-Ext");
    await expectRejectedWithoutChange(() => create("unique-EXT"), "CONFLICT", "in.externalId");
    const other = await create();
    await expectRejectedWithoutChange(
      () => updateTenant(app.db, actor, other.id, { externalTenant: "UNIQUE-ext", name: "x", type: "account", provider: "" }),
      "CONFLICT",
      "in.externalTenant",
    );
    const renamed = await updateTenant(app.db, actor, "unique-ext", {
      externalTenant: "UNIQUE-EXT",
      name: "Own id in other case",
      type: "account",
      provider: "",
    });
    assert.equal(renamed.externalId, "UNIQUE-EXT", "a tenant may change the case of its own external id");
  });

  test("an external id equal to another tenant's id is refused: the header would be ambiguous", async () => {
    const first = await create();
    await expectRejectedWithoutChange(() => create(first.id), "CONFLICT", "in.externalId");
    await expectRejectedWithoutChange(() => create(first.id.toUpperCase()), "CONFLICT", "in.externalId");
    const second = await create();
    await expectRejectedWithoutChange(
      () => updateTenant(app.db, actor, second.id, { externalTenant: first.id, name: "x", type: "account", provider: "" }),
      "CONFLICT",
      "in.externalTenant",
    );
    const self = await updateTenant(app.db, actor, second.id, { externalTenant: second.id, name: "Its own id", type: "account", provider: "" });
    assert.equal(self.externalId, second.id, "its own id is fine");
  });
});

describe("lookup", () => {
  test("by id, or by external id ignoring case; unknown is null", async () => {
    const tenant = await create("Look-Me-Up");
    assert.equal((await findTenant(app.db, tenant.id))?.id, tenant.id);
    assert.equal((await findTenant(app.db, "look-me-up"))?.id, tenant.id);
    assert.equal((await findTenant(app.db, "LOOK-ME-UP"))?.id, tenant.id);
    assert.equal(await findTenant(app.db, "nobody"), null);
    assert.equal(await findTenant(app.db, "x".repeat(5000)), null);
  });

  test("the request's tenant scope: BAD_USER_INPUT without the header, NOT_FOUND for an unknown one, one lookup per request", async () => {
    const tenant = await create("Scoped");
    await rejectsWithCode(tenantScope(app.db, null).require("testing"), "BAD_USER_INPUT", "header:tenant");
    await rejectsWithCode(tenantScope(app.db, "   ").require("testing"), "BAD_USER_INPUT", "header:tenant");
    await rejectsWithCode(tenantScope(app.db, "no-such-tenant").require("testing"), "NOT_FOUND", "header:tenant");
    let queries = 0;
    const counting = new Proxy(app.db, {
      get(target, key) {
        if (key === "tenant") {
          queries++;
        }
        return Reflect.get(target, key);
      },
    });
    const scope = tenantScope(counting, " scoped ");
    assert.equal(queries, 0, "nothing is looked up until a field asks");
    assert.equal((await scope.require("first")).id, tenant.id);
    assert.equal((await scope.require("second")).id, tenant.id);
    assert.equal(queries, 1);
  });
});

describe("mutations", () => {
  test("create, update and delete are audited with the actor", async () => {
    const { result: tenant, events: created } = await auditOf(() => create("Audited", "Audited Tenant"));
    assert.equal(created.length, 1);
    assert.equal(created[0].action, "TENANT_CREATED");
    assert.equal(created[0].objectId, tenant.id);
    assert.equal(created[0].actorId, app.admin.user.id);
    assert.deepEqual(JSON.parse(created[0].details!), { externalId: "Audited", name: "Audited Tenant", type: "account", provider: "" });

    const { events: updated } = await auditOf(() =>
      updateTenant(app.db, actor, "audited", { externalTenant: "audited-2", name: "Renamed", type: "account", provider: "" }),
    );
    assert.equal(updated[0].action, "TENANT_UPDATED");
    const mapping = { subdomain: null, region: null, licenseType: null, customerId: null, costObjectId: null, costObjectType: null, parents: [] };
    assert.deepEqual(JSON.parse(updated[0].details!), {
      before: { externalId: "Audited", name: "Audited Tenant", type: "account", provider: "", ...mapping },
      after: { externalId: "audited-2", name: "Renamed", type: "account", provider: "", ...mapping },
    });

    const { events: deleted } = await auditOf(() => deleteTenant(app.db, actor, tenant.id));
    assert.deepEqual(
      deleted.map((event) => event.action),
      ["TENANT_DELETED"],
    );
    assert.equal(await app.db.tenant.count({ where: { id: tenant.id } }), 0);
  });

  test("unknown tenants are NOT_FOUND for update and delete", async () => {
    await expectRejectedWithoutChange(
      () => updateTenant(app.db, actor, "ghost", { externalTenant: "ghost", name: "x", type: "account", provider: "" }),
      "NOT_FOUND",
    );
    await expectRejectedWithoutChange(() => deleteTenant(app.db, actor, "ghost"), "NOT_FOUND");
    await expectRejectedWithoutChange(() => deleteTenant(app.db, actor, "ghost", true), "NOT_FOUND");
  });

  test("a tenant with applications is a CONFLICT naming how many, unless cascading", async () => {
    const tenant = await create("With-Apps");
    const other = await create("Bystander");
    const apps = [];
    for (const name of ["One", "Two", "Three"]) apps.push(await registerApplication(app.db, actor, tenant, { name }));
    const untouched = await registerApplication(app.db, actor, other, { name: "One" });

    const before = await snapshot();
    await assert.rejects(deleteTenant(app.db, actor, tenant.id), (error: { message: string; code: string; details?: Record<string, unknown> }) => {
      assert.equal(error.code, "CONFLICT");
      assert.equal(error.details?.applicationCount, 3);
      assert.match(error.message, /still holds 3 applications/);
      return true;
    });
    assert.deepEqual(await snapshot(), before, "nothing is deleted");

    const { events } = await auditOf(() => deleteTenant(app.db, actor, "with-apps", true));
    assert.deepEqual(
      events.map((event) => event.action),
      ["APPLICATION_UNREGISTERED", "APPLICATION_UNREGISTERED", "APPLICATION_UNREGISTERED", "TENANT_DELETED"],
    );
    assert.deepEqual(
      events.slice(0, 3).map((event) => event.objectId),
      apps.map((a) => a.id),
    );
    assert.equal(JSON.parse(events[0].details!).reason, "TENANT_DELETED");
    assert.equal(JSON.parse(events[3].details!).unregisteredApplications, 3);
    assert.equal(await app.db.application.count({ where: { tenantId: tenant.id } }), 0);
    assert.ok(await app.db.application.findUnique({ where: { id: untouched.id } }), "other tenants' applications stay");
  });
});

describe("paging", () => {
  test("oldest first with keyset cursors; foreign cursors are BAD_USER_INPUT", async () => {
    await app.db.application.deleteMany({});
    await app.db.tenant.deleteMany({});
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await create(`page-${i}`));
    const first = await listTenants(app.db, { first: 2 });
    assert.deepEqual(
      first.rows.map((t) => t.externalId),
      ["page-0", "page-1"],
    );
    assert.equal(first.pageInfo.hasNextPage, true);
    assert.equal(await first.countTotal(), 5);
    const rest = await listTenants(app.db, { first: 3, after: first.pageInfo.endCursor });
    assert.deepEqual(
      rest.rows.map((t) => t.externalId),
      ["page-2", "page-3", "page-4"],
    );
    assert.equal(rest.pageInfo.hasNextPage, false);
    await rejectsWithCode(listTenants(app.db, { first: 2, after: "garbage" }), "BAD_USER_INPUT", "after");
    await rejectsWithCode(listTenants(app.db, { first: 0 }), "BAD_USER_INPUT", "first");
  });
});
