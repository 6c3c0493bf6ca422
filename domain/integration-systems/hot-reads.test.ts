import assert from "node:assert/strict";
import { test } from "node:test";
import { setupTestApp } from "@/test/harness";
import { rawReader } from "@/domain/instance";
import { createIntegrationSystem, findIntegrationSystem, listIntegrationSystems, updateIntegrationSystem } from "./integration-system.service";

/**
 * The hottest reads run as prepared statements beside Prisma (lib/db.ts,
 * rawReader). They must answer exactly what Prisma answers, row for row and
 * type for type, on both databases, in every ordering and from any cursor.
 */
const app = await setupTestApp();
const admin = app.admin.principal;

const systems: Awaited<ReturnType<typeof createIntegrationSystem>>[] = [];
for (const [i, name] of ["Zeta", "alpha", "Ärger", "beta 2", "Gamma", "delta", "Eta", "épsilon", "iota", "Kappa"].entries()) {
  systems.push(
    await createIntegrationSystem(app.db, admin, { name: `Hot ${name}`, description: i % 3 === 0 ? null : `description ${i} with 'quotes' and \\ back` }),
  );
}
// One updated, so updatedAt differs from createdAt.
await updateIntegrationSystem(app.db, admin, systems[1].id, { name: "Hot alpha", description: "changed" });

test("the client made by createDb has a prepared-statement reader", () => {
  assert.ok(rawReader(app.db), "findIntegrationSystem and listIntegrationSystems would fall back to Prisma");
});

test("findIntegrationSystem answers what Prisma's findUnique answers, Dates included", async () => {
  for (const system of systems) {
    const expected = await app.db.integrationSystem.findUnique({ where: { id: system.id } });
    const found = await findIntegrationSystem(app.db, system.id);
    assert.deepEqual(found, expected);
    assert.ok(found!.createdAt instanceof Date && found!.updatedAt instanceof Date);
  }
  assert.equal(await findIntegrationSystem(app.db, "00000000-0000-7000-8000-000000000000"), null);
  assert.equal(await findIntegrationSystem(app.db, '\'; DROP TABLE "IntegrationSystem"; --'), null, "the id is a parameter");
});

test("every page of every ordering is Prisma's page, with the same cursors", async () => {
  for (const field of ["CREATED_AT", "NAME"] as const) {
    for (const direction of ["ASC", "DESC"] as const) {
      const dir = direction === "ASC" ? "asc" : "desc";
      const all = await app.db.integrationSystem.findMany({ orderBy: field === "NAME" ? [{ nameKey: dir }] : [{ createdAt: dir }, { id: dir }] });
      const seen: typeof all = [];
      let after: string | null = null;
      for (let pages = 0; pages < 100; pages++) {
        const page = await listIntegrationSystems(app.db, { first: 3, after, orderBy: { field, direction } });
        seen.push(...page.rows);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      assert.deepEqual(seen, all, `${field} ${direction}: the pages together are the whole list, in Prisma's order`);
      assert.equal(await listIntegrationSystems(app.db, { first: 200, orderBy: { field, direction } }).then((page) => page.countTotal()), all.length);
    }
  }
});
