import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { provider, rejectsWithCode, setupTestApp } from "@/test/harness";
import { statementsOf } from "@/test/statements";
import { encodeCursor, type LazyPage } from "./cursor";
import { createTenant, deleteTenant, listTenants } from "@/domain/tenants/tenant.service";
import { createIntegrationSystem, deleteIntegrationSystem, listIntegrationSystems } from "@/domain/integration-systems/integration-system.service";
import { createApplicationTemplate, deleteApplicationTemplate, listApplicationTemplates } from "@/domain/application-templates/application-template.service";
import { listAuditEvents } from "@/domain/audit/audit.service";
import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { RUNTIME } from "@/domain/tenant-objects/kinds/runtime";
import { RUNTIME_CONTEXT } from "@/domain/tenant-objects/kinds/runtime-context";
import type { NamedObjectInput, TenantObjectInput, TenantObjectKind, TenantObjectRow } from "@/domain/tenant-objects/tenant-object-kind";
import {
  type ObjectOrder,
  listChildObjects,
  listObjects,
  listObjectsOfSystem,
  registerObject,
  unregisterObject,
} from "@/domain/tenant-objects/tenant-object.service";
import { createUser, deleteUser, listUsersPage } from "@/domain/users/user.service";

/**
 * The paging contract every list keeps (ory/hydra's style: one suite, run
 * against every list and ordering, on both databases):
 * - walking the pages while rows are inserted and deleted between them
 *   answers every row that was there all along exactly once, and no row twice;
 * - a deep page costs what an early one does: the same statements, no
 *   OFFSET, and (SQLite's plan) a seek into an index, not a scan;
 * - a tampered cursor is BAD_USER_INPUT on `after`.
 */
const app = await setupTestApp();
const admin = app.admin.principal;

/** A list under test: one page of it, and how to add and remove a row it holds. */
interface ListUnderTest {
  name: string;
  page(first: number, after: string | null): Promise<LazyPage<{ id: string }>>;
  /** Adds a row the list holds; `n` varies its sort key. */
  insert(n: number): Promise<void>;
  remove(id: string): Promise<void>;
  /** Whether the page is one index-ordered read (SQLite's plan is checked for a seek). */
  indexOrdered: boolean;
}

const SEED = 24;
const PAGE = 3;
/** Every walk stops here at the latest, whatever the list answers. */
const MAX_PAGES = 60;

/** Every id of the list, page by page, with nothing changing meanwhile. */
async function walk(list: ListUnderTest, between: (page: { id: string }[]) => Promise<void> = async () => {}): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const page = await list.page(PAGE, cursor);
    seen.push(...page.rows.map((row) => row.id));
    if (!page.pageInfo.hasNextPage) return seen;
    cursor = page.pageInfo.endCursor;
    await between(page.rows);
  }
  throw new Error(`${list.name}: still more pages after ${MAX_PAGES}`);
}

function keysetContract(list: ListUnderTest) {
  describe(list.name, () => {
    before(async () => {
      for (let n = 0; n < SEED; n++) await list.insert(n);
    });

    test("no row repeated or skipped while rows are inserted and deleted between pages", async () => {
      const all = await walk(list);
      assert.ok(all.length >= SEED, `${all.length} rows seeded`);
      assert.equal(new Set(all).size, all.length, "a quiet walk repeats nothing");
      const deleted = new Set<string>();
      let step = 0;
      const seen = await walk(list, async (page) => {
        step++;
        await list.insert(1000 + step);
        // The row the cursor stands on, one already answered, and one not reached yet, in turn.
        const reached = new Set(page.map((row) => row.id));
        const ahead = all.filter((id) => !deleted.has(id) && !reached.has(id));
        const victim = [page[page.length - 1].id, all.find((id) => !deleted.has(id)), ahead[ahead.length - 1]][step % 3];
        if (victim && !deleted.has(victim)) {
          await list.remove(victim);
          deleted.add(victim);
        }
      });
      assert.ok(step >= 3, `rows changed between ${step} pages`);
      assert.equal(new Set(seen).size, seen.length, `no row twice: ${seen.filter((id, at) => seen.indexOf(id) !== at)}`);
      const survivors = all.filter((id) => !deleted.has(id));
      const missing = survivors.filter((id) => !seen.includes(id));
      assert.deepEqual(missing, [], "every row there all along is answered");
    });

    test("a deep page costs what an early one does", async () => {
      const cursors: string[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < MAX_PAGES; pages++) {
        const page = await list.page(2, cursor);
        if (!page.pageInfo.hasNextPage) break;
        cursor = page.pageInfo.endCursor;
        cursors.push(cursor);
      }
      assert.ok(cursors.length >= 8, `${cursors.length} pages deep`);
      const early = await statementsOf(() => list.page(2, cursors[0]));
      const deep = await statementsOf(() => list.page(2, cursors[cursors.length - 2]));
      assert.ok(early.length >= 1 && early.length <= 2, `${early.length} statements`);
      assert.deepEqual(
        deep.map((statement) => statement.sql),
        early.map((statement) => statement.sql),
        "the same statements, whatever the depth",
      );
      // The ordered read walks from the cursor's key, never past skipped rows (Prisma's read by ids has its own fixed OFFSET 0).
      const ordered = deep.filter((statement) => /\bORDER BY\b/i.test(statement.sql));
      assert.equal(ordered.length, 1, "one ordered read");
      assert.doesNotMatch(ordered[0].sql, /\bOFFSET\b/i);
      if (provider === "sqlite" && list.indexOrdered) {
        const plan = ordered[0].explain();
        assert.match(plan, /SEARCH .* USING (COVERING )?INDEX/, `the deep page seeks an index: ${plan}`);
        assert.doesNotMatch(plan, /TEMP B-TREE/, `and reads it in order, without sorting: ${plan}`);
      }
    });

    test("Compass's page info: startCursor is the `after` given, endCursor is empty on the last page", async () => {
      let after: string | null = null;
      for (let pages = 0; pages < MAX_PAGES; pages++) {
        const page = await list.page(PAGE, after);
        assert.equal(page.pageInfo.startCursor, after ?? "", `page ${pages + 1} starts at the cursor it was given`);
        if (!page.pageInfo.hasNextPage) {
          assert.equal(page.pageInfo.endCursor, "", "the last page has no cursor to go on from");
          assert.ok(pages >= 2, `${pages + 1} pages walked`);
          return;
        }
        assert.notEqual(page.pageInfo.endCursor, "", "a page with a next page names its cursor");
        // A page of exactly the rows that are left is the last one: it says so, with no cursor.
        const total = await page.countTotal();
        const seenSoFar = pages * PAGE + page.rows.length;
        if (total - seenSoFar <= PAGE && total - seenSoFar > 0) {
          const exact = await list.page(total - seenSoFar, page.pageInfo.endCursor);
          assert.deepEqual([exact.pageInfo.hasNextPage, exact.pageInfo.endCursor], [false, ""], "an exactly full last page");
        }
        after = page.pageInfo.endCursor;
      }
      throw new Error(`${list.name}: still more pages after ${MAX_PAGES}`);
    });

    test("a tampered cursor is BAD_USER_INPUT", async () => {
      const page = await list.page(PAGE, null);
      const cursor = page.pageInfo.endCursor;
      const [kind, ...values] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, ...unknown[]];
      const tampered = [
        `${cursor.slice(0, -2)}!!`,
        cursor.slice(0, cursor.length >> 1),
        encodeCursor(`${kind}x`, values as string[]),
        encodeCursor(kind, [...(values as string[]), "extra"]),
        encodeCursor(kind, values.map((value) => (typeof value === "number" ? "yesterday" : 42)) as string[]),
        encodeCursor(kind, values.map((value) => (typeof value === "number" ? 1e300 : "\u0000")) as string[]),
        Buffer.from(JSON.stringify({ kind, values })).toString("base64url"),
      ];
      for (const after of tampered) await rejectsWithCode(list.page(PAGE, after), "BAD_USER_INPUT", "after");
    });
  });
}

// Each list holds only what its own rows are, so the walks above see no one else's.
const tenant = await createTenant(app.db, admin, { externalId: "keyset-contract", name: "Keyset contract" });
const otherTenant = await createTenant(app.db, admin, { externalId: "keyset-others", name: "Others" });
const manager = await createIntegrationSystem(app.db, admin, { name: "keyset manager" });
const name = (prefix: string, n: number) => `${prefix} ${String((n * 7919) % 1009).padStart(4, "0")} ${n}`;

const systems = (orderBy: { field: "NAME" | "CREATED_AT"; direction: "ASC" | "DESC" }, extra: { search?: string; filter?: "NO_CREDENTIALS" } = {}) => ({
  name: `integration systems by ${orderBy.field} ${orderBy.direction}${extra.search ? ", searched" : ""}${extra.filter ? ", filtered" : ""}`,
  page: (first: number, after: string | null) => listIntegrationSystems(app.db, { first, after, orderBy, ...extra }),
  insert: async (n: number) => void (await createIntegrationSystem(app.db, admin, { name: name(`sys-${orderBy.field}-${orderBy.direction}`, n) })),
  remove: async (id: string) => {
    // The shared manager is never deleted; it manages the applications of another list.
    if (id !== manager.id) await deleteIntegrationSystem(app.db, admin, id);
  },
  indexOrdered: !extra.search && !extra.filter,
});

const tenants = (orderBy: { field: "NAME" | "EXTERNAL_ID" | "CREATED_AT"; direction: "ASC" | "DESC" }, search?: string) => ({
  name: `tenants by ${orderBy.field} ${orderBy.direction}${search ? ", searched" : ""}`,
  page: (first: number, after: string | null) => listTenants(app.db, { first, after, orderBy, search }),
  insert: async (n: number) =>
    void (await createTenant(app.db, admin, { externalId: `t-${orderBy.field}-${orderBy.direction}-${n}`.toLowerCase(), name: name("tenant", n) })),
  remove: async (id: string) => {
    if (id !== tenant.id && id !== otherTenant.id) await deleteTenant(app.db, admin, id, true);
  },
  indexOrdered: !search && orderBy.field !== "NAME",
});

const objects = (
  kind: TenantObjectKind<TenantObjectRow, TenantObjectInput, unknown>,
  args: { search?: string; labelled?: boolean; orderBy?: ObjectOrder; prefix?: string },
) => ({
  name: `${kind.nouns.many} of a tenant${args.search ? ", searched" : ""}${args.labelled ? ", filtered by label" : ""}${args.orderBy ? `, by ${args.orderBy.field} ${args.orderBy.direction}` : ""}`,
  page: (first: number, after: string | null) =>
    listObjects(kind, app.db, tenant, {
      first,
      after,
      search: args.search,
      filter: args.labelled ? [{ key: "contract", query: '$ ? (@ == "yes")' }] : null,
      orderBy: args.orderBy,
    }),
  insert: async (n: number) =>
    void (await registerObject(kind, app.db, admin, tenant, {
      name: name(`${kind.nouns.one}${args.prefix ?? (args.search ? "-s" : "")}${args.labelled ? "-l" : ""}`, n),
      labels: { contract: args.labelled ? "yes" : "no" },
    } as NamedObjectInput)),
  remove: async (id: string) => void (await unregisterObject(kind, app.db, admin, tenant, id)),
  indexOrdered: !args.search && !args.labelled,
});

// Lists that share a table see each other's rows, so each keeps to its own with a search or its own scope.
// The audit log first, while it is short: every insert below adds to it.
keysetContract({
  name: "audit events",
  page: (first, after) => listAuditEvents(app.db, { first, after }),
  insert: async (n) => void (await createIntegrationSystem(app.db, admin, { name: name("audited", n) })),
  remove: async (id) => void (await app.db.auditEvent.delete({ where: { id } })),
  indexOrdered: true,
});
keysetContract({
  name: "audit events, filtered",
  page: (first, after) => listAuditEvents(app.db, { first, after, filter: { action: "TENANT_CREATED" } }),
  insert: async (n) => void (await createTenant(app.db, admin, { externalId: `audit-${n}`, name: name("audited tenant", n) })),
  remove: async (id) => void (await app.db.auditEvent.delete({ where: { id } })),
  indexOrdered: false,
});
keysetContract(systems({ field: "CREATED_AT", direction: "ASC" }));
keysetContract(systems({ field: "NAME", direction: "DESC" }));
keysetContract(systems({ field: "CREATED_AT", direction: "DESC" }, { search: "sys-created_at-desc" }));
keysetContract(systems({ field: "NAME", direction: "ASC" }, { filter: "NO_CREDENTIALS" }));
keysetContract(tenants({ field: "CREATED_AT", direction: "ASC" }));
keysetContract(tenants({ field: "NAME", direction: "DESC" }));
keysetContract(tenants({ field: "EXTERNAL_ID", direction: "ASC" }, "t-external_id"));
keysetContract(objects(APPLICATION, {}));
keysetContract(objects(APPLICATION, { search: "application-s" }));
keysetContract(objects(RUNTIME, {}));
keysetContract(objects(RUNTIME, { labelled: true }));
keysetContract(objects(APPLICATION, { search: "application-n", prefix: "-n", orderBy: { field: "NAME", direction: "DESC" } }));
keysetContract(objects(RUNTIME, { search: "runtime-n", prefix: "-n", orderBy: { field: "NAME", direction: "ASC" } }));
keysetContract(objects(RUNTIME, { search: "runtime-c", prefix: "-c", orderBy: { field: "CREATED_AT", direction: "DESC" } }));
// A child kind's list: one runtime's contexts, beside another runtime's in the same tenant (made on first use,
// so that the lists declared above have their tests set up before anything here runs).
let contextParent: Promise<TenantObjectRow> | undefined;
const parentRuntime = () =>
  (contextParent ??= (async () => {
    const parent = await registerObject(RUNTIME, app.db, admin, tenant, { name: "context-parent" });
    const other = await registerObject(RUNTIME, app.db, admin, tenant, { name: "context-other" });
    await registerObject(RUNTIME_CONTEXT, app.db, admin, tenant, { key: "elsewhere", value: "x" }, other.id);
    return parent;
  })());
keysetContract({
  name: "runtime contexts of a runtime",
  page: async (first, after) => listChildObjects(RUNTIME_CONTEXT, app.db, await parentRuntime(), { first, after }),
  insert: async (n) => void (await registerObject(RUNTIME_CONTEXT, app.db, admin, tenant, { key: `k${n}`, value: `v${n}` }, (await parentRuntime()).id)),
  remove: async (id) => void (await unregisterObject(RUNTIME_CONTEXT, app.db, admin, tenant, id)),
  indexOrdered: true,
});
keysetContract({
  name: "applications of an integration system",
  page: (first, after) => listObjectsOfSystem(APPLICATION, app.db, manager.id, { first, after }),
  insert: async (n) => void (await registerObject(APPLICATION, app.db, admin, otherTenant, { name: name("managed", n), integrationSystemID: manager.id })),
  remove: async (id) => void (await unregisterObject(APPLICATION, app.db, admin, otherTenant, id)),
  indexOrdered: true,
});
keysetContract({
  name: "application templates",
  page: (first, after) => listApplicationTemplates(app.db, { first, after }),
  insert: async (n) =>
    void (await createApplicationTemplate(app.db, admin, { name: name("template", n), applicationInput: { name: "app" }, accessLevel: "GLOBAL" })),
  remove: async (id) => void (await deleteApplicationTemplate(app.db, admin, id)),
  indexOrdered: true,
});
keysetContract({
  name: "users",
  page: (first, after) => listUsersPage(app.db, { first, after }),
  insert: async (n) => void (await createUser(app.db, admin, { email: `keyset-${n}@example.com`, password: "keyset contract password", role: "VIEWER" })),
  remove: async (id) => {
    // The harness's own callers stay.
    if (id !== app.admin.user.id && id !== app.viewer.user.id) await deleteUser(app.db, admin, id);
  },
  indexOrdered: true,
});

describe("page numbers (decision 0013) keep Compass's page info", () => {
  const search = "page-number";
  const list = (args: { after?: string | null; skipPages?: number; last?: boolean }) =>
    listIntegrationSystems(app.db, { first: 4, search, orderBy: { field: "NAME", direction: "ASC" }, ...args });
  before(async () => {
    for (let n = 0; n < 10; n++) await createIntegrationSystem(app.db, admin, { name: name(search, n) });
  });

  test("a jumped-to page starts at the cursor that gives it, and the last page ends with none", async () => {
    const ids = (page: LazyPage<{ id: string }>) => page.rows.map((row) => row.id);
    const second = await list({ skipPages: 1 });
    assert.notEqual(second.pageInfo.startCursor, "");
    assert.deepEqual(ids(await list({ after: second.pageInfo.startCursor })), ids(second), "its startCursor as `after` gives the same page");
    assert.equal(second.pageInfo.hasNextPage, true);

    const last = await list({ last: true });
    assert.deepEqual([last.rows.length, last.pageInfo.endCursor, last.pageInfo.hasNextPage], [2, "", false]);
    const again = await list({ after: last.pageInfo.startCursor });
    assert.deepEqual(ids(again), ids(last), "the last page's startCursor as `after` gives the last page");
    assert.equal(again.pageInfo.startCursor, last.pageInfo.startCursor);

    // A last page that is also the first has nothing before it.
    const only = await listIntegrationSystems(app.db, { first: 4, search: `${search} 0000`, last: true });
    assert.ok(only.rows.length >= 1 && only.rows.length <= 4);
    assert.deepEqual(only.pageInfo, { startCursor: "", endCursor: "", hasNextPage: false });
  });
});
