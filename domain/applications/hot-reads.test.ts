import assert from "node:assert/strict";
import { test } from "node:test";
import { setupTestApp } from "@/test/harness";
import { rawReader } from "@/lib/db";
import { createTenant, findTenant } from "@/domain/tenants/tenant.service";
import { findApplication, registerApplication, updateApplication } from "./application.service";

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
