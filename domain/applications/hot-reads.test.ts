import assert from "node:assert/strict";
import { test } from "node:test";
import { setupTestApp } from "@/test/harness";
import { rawReader } from "@/domain/instance";
import { createTenant, findTenant } from "@/domain/tenants/tenant.service";
import { findApplication, registerApplication, updateApplication } from "./application.service";
import { registerRuntime } from "@/domain/runtimes/runtime.service";
import { TENANT_OBJECT_KINDS } from "@/domain/tenant-objects/kinds";
import type { TenantObjectKind, TenantObjectType } from "@/domain/tenant-objects/tenant-object-kind";
import { findObject, registerObject } from "@/domain/tenant-objects/tenant-object.service";
import { RUNTIME_CONTEXT } from "@/domain/tenant-objects/kinds/runtime-context";
import { BUNDLE } from "@/domain/tenant-objects/kinds/bundle";
import { API_DEFINITION } from "@/domain/tenant-objects/kinds/api-definition";
import { EVENT_DEFINITION } from "@/domain/tenant-objects/kinds/event-definition";
import { DOCUMENT } from "@/domain/tenant-objects/kinds/document";
import { INTEGRATION_DEPENDENCY } from "@/domain/tenant-objects/kinds/integration-dependency";
import { BUNDLE_INSTANCE_AUTH } from "@/domain/tenant-objects/kinds/bundle-instance-auth";

/**
 * A tenant-scoped read starts with the tenant header's lookup and, for
 * application(id), the application's: both run as prepared statements beside
 * Prisma (lib/db.ts, rawReader). They must answer what Prisma answers, type
 * for type, on both databases, and never across tenants.
 */
const app = await setupTestApp();
const admin = app.admin.principal;

const acme = await createTenant(app.db, admin, { externalId: "Acme-Hot", name: "Acme" });
const globex = await createTenant(app.db, admin, { externalId: "globex-hot", name: "Globex" });
const withDescription = await registerApplication(app.db, admin, acme, { name: "Orders", description: "with 'quotes' and \\ back" });
const withoutDescription = await registerApplication(app.db, admin, acme, { name: "Billing" });
// Updated, so updatedAt differs from createdAt.
await updateApplication(app.db, admin, acme, withoutDescription.id, { name: "Billing", description: "changed" });

test("the client made by createDb has a prepared-statement reader", () => {
  assert.ok(rawReader(app.db), "findTenant and findApplication would fall back to Prisma");
});

test("findTenant answers Prisma's row by id and by external id in any case, and null otherwise", async () => {
  for (const tenant of [acme, globex]) {
    const expected = await app.db.tenant.findUnique({ where: { id: tenant.id } });
    assert.deepEqual(await findTenant(app.db, tenant.id), expected);
    assert.deepEqual(await findTenant(app.db, tenant.externalId.toUpperCase()), expected);
    assert.ok(expected!.createdAt instanceof Date);
  }
  assert.equal(await findTenant(app.db, "no-such-tenant"), null);
  assert.equal(await findTenant(app.db, `' OR 1=1 --`), null, "the header is a parameter");
});

test("findTenant inside a transaction reads through Prisma and sees the transaction's own writes", async () => {
  await assert.rejects(
    app.db.$transaction(async (tx) => {
      assert.equal(rawReader(tx), null);
      await tx.tenant.update({ where: { id: globex.id }, data: { name: "Globex renamed" } });
      assert.equal((await findTenant(tx, globex.id))?.name, "Globex renamed");
      throw new Error("roll back");
    }),
    /roll back/,
  );
  assert.equal((await findTenant(app.db, globex.id))?.name, "Globex");
});

test("findApplication answers Prisma's row in its tenant and null in any other", async () => {
  for (const application of [withDescription, withoutDescription]) {
    const expected = await app.db.application.findUnique({ where: { id: application.id } });
    const found = await findApplication(app.db, acme, application.id);
    assert.deepEqual(found, expected);
    assert.ok(found!.createdAt instanceof Date && found!.updatedAt instanceof Date);
    assert.equal(await findApplication(app.db, globex, application.id), null, "another tenant's application is not found");
  }
  assert.equal((await findApplication(app.db, acme, withoutDescription.id))?.description, "changed", "a write is read at once");
  assert.equal(await findApplication(app.db, acme, "00000000-0000-7000-8000-000000000000"), null);
});

test("every tenant-scoped kind's read by id is prepared and answers Prisma's row, DateTime columns as Dates", async () => {
  const runtime = await registerRuntime(app.db, admin, acme, { name: "Edge", statusCondition: "CONNECTED", applicationNamespace: "ns" });
  // Every DateTime column set, so each is seen to come back as a Date (deletedAt is null until set).
  await app.db.application.update({ where: { id: withDescription.id }, data: { deletedAt: new Date() } });
  const runtimeContext = await registerObject(RUNTIME_CONTEXT, app.db, admin, acme, { key: "subscription", value: "consumer-1" }, runtime.id);
  const bundle = await registerObject(BUNDLE, app.db, admin, acme, { name: "Orders" }, withDescription.id);
  const api = await registerObject(API_DEFINITION, app.db, admin, acme, { name: "Orders API", targetURL: "https://orders.example.com" }, undefined, {
    groupId: bundle.id,
  });
  const event = await registerObject(EVENT_DEFINITION, app.db, admin, acme, { name: "Order events" }, withDescription.id);
  const document = await registerObject(
    DOCUMENT,
    app.db,
    admin,
    acme,
    { title: "Readme", displayName: "Readme", description: "How", format: "MARKDOWN" },
    bundle.id,
  );
  const dependency = await registerObject(
    INTEGRATION_DEPENDENCY,
    app.db,
    admin,
    acme,
    { name: "Billing", ordID: "sap.foo:integrationDependency:Billing:v1" },
    withDescription.id,
  );
  const instanceAuth = await registerObject(
    BUNDLE_INSTANCE_AUTH,
    app.db,
    admin,
    acme,
    { auth: { credential: { basic: { username: "u", password: "p" } } } },
    bundle.id,
  );
  const rows: Record<TenantObjectType, { id: string }> = {
    APPLICATION: withDescription,
    RUNTIME: runtime,
    RUNTIME_CONTEXT: runtimeContext,
    BUNDLE: bundle,
    API_DEFINITION: api,
    EVENT_DEFINITION: event,
    DOCUMENT: document,
    INTEGRATION_DEPENDENCY: dependency,
    BUNDLE_INSTANCE_AUTH: instanceAuth,
  };
  for (const [type, kind] of Object.entries(TENANT_OBJECT_KINDS) as [TenantObjectType, TenantObjectKind][]) {
    const expected = await kind.model(app.db).findFirst({ where: { id: rows[type].id, tenantId: acme.id } });
    assert.ok(expected, type);
    const statements = await preparedReadsOf(() => findObject(kind, app.db, acme, rows[type].id));
    assert.deepEqual(statements.found, expected, `${type}: the same row, type for type`);
    assert.equal(statements.prepared, 1, `${type}: one prepared statement`);
    for (const column of kind.dateColumns) assert.ok((statements.found as unknown as Record<string, unknown>)[column] instanceof Date, `${type}.${column}`);
    assert.equal(await findObject(kind, app.db, globex, rows[type].id), null, `${type}: never across tenants`);
  }
});

/** What `read` answers, and how many statements it ran on the prepared reader. */
async function preparedReadsOf(read: () => Promise<unknown>) {
  const reader = rawReader(app.db)!;
  const rows = reader.rows;
  let prepared = 0;
  reader.rows = <Row>(...args: Parameters<typeof rows>) => {
    prepared++;
    return rows.apply(reader, args) as Promise<Row[]>;
  };
  try {
    return { found: await read(), prepared };
  } finally {
    reader.rows = rows;
  }
}
