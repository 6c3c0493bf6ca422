import assert from "node:assert/strict";
import { test } from "node:test";
import type { AuditEvent } from "@/generated/prisma-sqlite/client";
import { setupTestApp } from "@/test/harness";
import { encodeCursor } from "@/domain/paging/cursor";
import { CSV_EXPORT_MAX, exportAuditEventsCsv, listAuditEvents, recordAudit } from "./audit.service";

const app = await setupTestApp();
const actor = app.admin.principal;

async function record(objectId: string, action = "TEST_EVENT") {
  await app.db.$transaction((tx) => recordAudit(tx, actor, { action, objectType: "Test", objectId, details: { n: objectId } }));
}

async function walk(args: { first: number; objectId?: string }) {
  const events: AuditEvent[] = [];
  let after: string | null = null;
  // Bounded: a cursor that repeats must fail the test, not hang it.
  for (let pages = 0; pages < 1000; pages++) {
    const page = await listAuditEvents(app.db, { ...args, after });
    events.push(...page.rows);
    if (!page.pageInfo.hasNextPage) return events;
    assert.equal(page.rows.length, args.first);
    assert.notEqual(page.pageInfo.endCursor, after, "the cursor moves on");
    after = page.pageInfo.endCursor;
  }
  assert.fail("the walk ends");
}

const newestFirst = (a: AuditEvent, b: AuditEvent) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1);

// Events spread over several milliseconds, some sharing one.
const recorded: string[] = [];
for (let i = 0; i < 30; i++) {
  const objectId = `object-${i % 3}`;
  await record(objectId);
  recorded.push(objectId);
  if (i % 7 === 0) await new Promise((resolve) => setTimeout(resolve, 3));
}

test("newest first, walked page by page without duplicates or gaps", async () => {
  const all = await app.db.auditEvent.findMany();
  const expected = [...all].sort(newestFirst).map((event) => event.id);
  for (const first of [1, 4, 7, 200]) {
    const walked = await walk({ first });
    assert.deepEqual(
      walked.map((event) => event.id),
      expected,
      `pages of ${first}`,
    );
  }
  const page = await listAuditEvents(app.db, { first: 3 });
  assert.equal(page.rows[0].objectId, "object-2", "the last event recorded comes first");
  for (let i = 1; i < page.rows.length; i++) assert.ok(page.rows[i - 1].createdAt >= page.rows[i].createdAt);
});

test("the newest event comes first even after a pause", async () => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  await record("latest", "LATEST");
  const page = await listAuditEvents(app.db, { first: 1 });
  assert.equal(page.rows[0].action, "LATEST");
  assert.equal(page.pageInfo.hasNextPage, true);
  // Compass's page info: the first page starts at "", and names the cursor of its one row to go on from.
  assert.equal(page.pageInfo.startCursor, "");
  assert.notEqual(page.pageInfo.endCursor, "");
});

test("the objectId filter, and totalCount for it", async () => {
  for (const objectId of ["object-0", "object-1", "object-2"]) {
    const walked = await walk({ first: 4, objectId });
    const expected = await app.db.auditEvent.findMany({ where: { objectId } });
    assert.equal(walked.length, recorded.filter((id) => id === objectId).length);
    assert.deepEqual(
      walked.map((event) => event.id),
      expected.sort(newestFirst).map((event) => event.id),
    );
    assert.ok(walked.every((event) => event.objectId === objectId));
    const page = await listAuditEvents(app.db, { first: 2, objectId });
    assert.equal(await page.countTotal(), walked.length);
  }
  const none = await listAuditEvents(app.db, { first: 10, objectId: "no-such-object" });
  assert.deepEqual(none.rows, []);
  assert.deepEqual(none.pageInfo, { startCursor: "", endCursor: "", hasNextPage: false });
  assert.equal(await none.countTotal(), 0);
  const everything = await listAuditEvents(app.db, { first: 1 });
  assert.equal(await everything.countTotal(), await app.db.auditEvent.count());
});

test("events recorded while paging never appear twice", async () => {
  const seen: string[] = [];
  let page = await listAuditEvents(app.db, { first: 5 });
  seen.push(...page.rows.map((event) => event.id));
  await record("during paging");
  for (let pages = 0; page.pageInfo.hasNextPage; pages++) {
    assert.ok(pages < 100, "the walk ends");
    page = await listAuditEvents(app.db, { first: 5, after: page.pageInfo.endCursor });
    seen.push(...page.rows.map((event) => event.id));
  }
  assert.equal(new Set(seen).size, seen.length);
  assert.equal(seen.length, (await app.db.auditEvent.count()) - 1, "the new event is newer than the cursor, so not in later pages");
});

test("the recorded fields", async () => {
  const [event] = (await listAuditEvents(app.db, { first: 1, objectId: "object-0" })).rows;
  assert.equal(event.actorType, "USER");
  assert.equal(event.actorId, app.admin.user.id);
  assert.equal(event.actorLabel, app.admin.user.email);
  assert.equal(event.authMethod, "API_TOKEN");
  assert.equal(event.objectType, "Test");
  assert.deepEqual(JSON.parse(event.details ?? "null"), { n: "object-0" });
  await app.db.$transaction((tx) => recordAudit(tx, "SYSTEM", { action: "BOOT", objectType: "Server", objectId: "server" }));
  const [system] = (await listAuditEvents(app.db, { first: 1, objectId: "server" })).rows;
  assert.equal(system.actorType, "SYSTEM");
  assert.equal(system.actorId, null);
  assert.equal(system.details, null);
});

test("bad page sizes and cursors are BAD_USER_INPUT", async () => {
  for (const first of [0, 201, -5, 2.5]) {
    await assert.rejects(listAuditEvents(app.db, { first }), (error: { code?: string; field?: string }) => {
      assert.equal(error.code, "BAD_USER_INPUT");
      assert.equal(error.field, "first");
      return true;
    });
  }
  const foreign = [
    "%%%",
    encodeCursor("integrationSystems:CREATED_AT:DESC", [Date.now(), "x"]),
    encodeCursor("auditEvents", ["now", "x"]),
    encodeCursor("auditEvents", [1e300, "x"]),
    encodeCursor("auditEvents", [Date.now()]),
  ];
  for (const after of foreign) {
    await assert.rejects(listAuditEvents(app.db, { first: 5, after }), (error: { code?: string; field?: string }) => {
      assert.equal(error.code, "BAD_USER_INPUT");
      assert.equal(error.field, "after");
      return true;
    });
  }
});

test("the CSV export stops at CSV_EXPORT_MAX rows, the newest, and says so", async () => {
  const objectId = "export-cap";
  await record(objectId, "CAPPED_TEMPLATE");
  // The other CSV_EXPORT_MAX - 1 rows copied from it in one statement (createMany takes seconds for this many).
  await app.db.$executeRawUnsafe(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${CSV_EXPORT_MAX - 1})
     INSERT INTO "AuditEvent" ("id", "createdAt", "actorType", "actorId", "actorLabel", "authMethod", "action", "objectType", "objectId", "objectLabel", "details")
     SELECT 'cap-' || n.i, e."createdAt", e."actorType", e."actorId", e."actorLabel", e."authMethod", 'CAPPED', e."objectType", e."objectId", '=row ' || n.i, e."details"
     FROM n CROSS JOIN "AuditEvent" e WHERE e."action" = 'CAPPED_TEMPLATE'`,
  );
  // Exactly the cap: everything, not truncated.
  const full = await exportAuditEventsCsv(app.db, { objectId });
  assert.deepEqual({ rowCount: full.rowCount, truncated: full.truncated }, { rowCount: CSV_EXPORT_MAX, truncated: false });
  assert.equal(full.csv.split("\r\n").length, CSV_EXPORT_MAX + 2, "header, rows, final line end");
  // One more, newer: the export keeps the newest CSV_EXPORT_MAX and says it stopped.
  await new Promise((resolve) => setTimeout(resolve, 5));
  await record(objectId, "CAPPED_NEWEST");
  const capped = await exportAuditEventsCsv(app.db, { objectId });
  assert.deepEqual({ rowCount: capped.rowCount, truncated: capped.truncated }, { rowCount: CSV_EXPORT_MAX, truncated: true });
  const lines = capped.csv.split("\r\n");
  assert.equal(lines.length, CSV_EXPORT_MAX + 2);
  assert.match(lines[1], /"CAPPED_NEWEST"/);
  assert.ok(lines.slice(1, -1).every((line) => line.includes(`"${objectId}"`)));
  assert.ok(lines.filter((line) => line.includes(`"'=row `)).length >= CSV_EXPORT_MAX - 2, "the copies, each defused");
  assert.ok(!capped.csv.includes(`"=row`), "none left as a formula");
});
