import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { IntegrationSystem } from "@/generated/prisma-sqlite/client";
import type { Db } from "@/lib/db";
import { rejectsWithCode, setupTestApp, serviceChecks } from "@/test/harness";
import { encodeCursor } from "@/domain/paging/cursor";
import {
  type Direction,
  type OrderField,
  createIntegrationSystem,
  deleteIntegrationSystem,
  listIntegrationSystems,
  updateIntegrationSystem,
} from "./integration-system.service";
import { generateClientCredentials } from "@/domain/credentials/system-auth.service";

const app = await setupTestApp();
/** Everything a failed mutation must leave as it was: these tables and the audit log. */
const { snapshot, expectRejectedWithoutChange, auditOf } = serviceChecks(app.db, ["integrationSystem", "systemAuth"]);
const actor = app.admin.principal;

function assertAuditedBy(event: { actorType: string; actorId: string | null; actorLabel: string; authMethod: string }) {
  assert.equal(event.actorType, "USER");
  assert.equal(event.actorId, app.admin.user.id);
  assert.equal(event.actorLabel, app.admin.user.email);
  assert.equal(event.authMethod, "API_TOKEN");
}

const create = (name: string, description?: string | null) => createIntegrationSystem(app.db, actor, { name, description });

describe("names", () => {
  test("valid names are stored trimmed, with their length counted in characters", async () => {
    const valid = [
      "a".repeat(64),
      "é".repeat(64),
      "ж".repeat(64),
      "東".repeat(64),
      "Überweisung-Système_1.0",
      "東京システム",
      "हिन्दी प्रणाली",
      "IntegrationSystemFromBigProvider",
      "1st system",
      "a b-c_d.e",
      "x",
    ];
    for (const name of valid) {
      const system = await create(name);
      assert.equal(system.name, name);
    }
    assert.equal((await create("  \t padded name \n ")).name, "padded name");
    // Decomposed "ö" (o + combining diaeresis) is two code points but one character once normalised.
    assert.equal((await create("o\u0308".repeat(64))).name, "ö".repeat(64));
    // ...and the same name as its composed form.
    await expectRejectedWithoutChange(() => create("e\u0301".repeat(64)), "CONFLICT");
  });

  test("too long, empty or badly formed names are BAD_USER_INPUT on in.name and change nothing", async () => {
    const invalid = [
      "a".repeat(65),
      "é".repeat(65),
      "ж".repeat(65),
      ` ${"a".repeat(65)} `,
      "",
      "   ",
      "\t\n",
      "a/b",
      "a@b",
      "a\tb",
      "a\nb",
      "a%b",
      "a\\b",
      "a'b",
      "a<b>",
      "-abc",
      ".abc",
      "_abc",
      " -abc",
      "😀 rocket",
      "rocket 😀",
      "\u0301accent first",
      "½ share",
      "power²",
    ];
    for (const name of invalid) {
      await expectRejectedWithoutChange(() => create(name), "BAD_USER_INPUT", "in.name");
    }
  });

  test("names are unique ignoring case, including Unicode case and normal forms", async () => {
    await create("Dup System");
    await expectRejectedWithoutChange(() => create("dup system"), "CONFLICT");
    await expectRejectedWithoutChange(() => create("  DUP SYSTEM  "), "CONFLICT");
    await create("ÄBC");
    await expectRejectedWithoutChange(() => create("äbc"), "CONFLICT");
    await expectRejectedWithoutChange(() => create("A\u0308bc"), "CONFLICT");
    await create("Жук");
    await expectRejectedWithoutChange(() => create("жУК"), "CONFLICT");
  });
});

describe("descriptions", () => {
  test("at most 2000 characters after trimming; blank means none", async () => {
    assert.equal((await create("desc 2000", "d".repeat(2000))).description, "d".repeat(2000));
    assert.equal((await create("desc 2000 unicode", "ж".repeat(2000))).description, "ж".repeat(2000));
    assert.equal((await create("desc padded", `  ${"d".repeat(2000)}  `)).description, "d".repeat(2000));
    assert.equal((await create("desc trimmed", "  some text \n")).description, "some text");
    assert.equal((await create("desc blank", "   ")).description, null);
    assert.equal((await create("desc null", null)).description, null);
    assert.equal((await create("desc omitted")).description, null);
    await expectRejectedWithoutChange(() => create("desc 2001", "d".repeat(2001)), "BAD_USER_INPUT", "in.description");
    await expectRejectedWithoutChange(() => create("desc 2001 unicode", "ж".repeat(2001)), "BAD_USER_INPUT", "in.description");
  });
});

describe("create, update, delete", () => {
  test("create writes exactly one audit event", async () => {
    const { result: system, events } = await auditOf(() => create("Audited Create", "first"));
    assert.equal(events.length, 1);
    assert.equal(events[0].action, "INTEGRATION_SYSTEM_CREATED");
    assert.equal(events[0].objectType, "IntegrationSystem");
    assert.equal(events[0].objectId, system.id);
    assertAuditedBy(events[0]);
    const stored = await app.db.integrationSystem.findUniqueOrThrow({ where: { id: system.id } });
    assert.deepEqual(stored, system);
  });

  test("update replaces both fields, an omitted description clears it, one audit event each", async () => {
    const system = await create("Update Me", "old description");
    const first = await auditOf(() => updateIntegrationSystem(app.db, actor, system.id, { name: " Updated ", description: " new " }));
    assert.equal(first.result.name, "Updated");
    assert.equal(first.result.description, "new");
    assert.equal(first.events.length, 1);
    assert.equal(first.events[0].action, "INTEGRATION_SYSTEM_UPDATED");
    assert.equal(first.events[0].objectId, system.id);
    assertAuditedBy(first.events[0]);

    const second = await auditOf(() => updateIntegrationSystem(app.db, actor, system.id, { name: "Updated" }));
    assert.equal(second.result.description, null, "an omitted description clears it");
    assert.equal(second.events.length, 1);
    const stored = await app.db.integrationSystem.findUniqueOrThrow({ where: { id: system.id } });
    assert.equal(stored.name, "Updated");
    assert.equal(stored.description, null);
  });

  test("renaming to its own name in another case is allowed; onto another system's name is CONFLICT", async () => {
    const system = await create("Case Sys");
    const renamed = await updateIntegrationSystem(app.db, actor, system.id, { name: "CASE SYS", description: "x" });
    assert.equal(renamed.name, "CASE SYS");
    const other = await create("Other Sys");
    await expectRejectedWithoutChange(() => updateIntegrationSystem(app.db, actor, other.id, { name: "case sys" }), "CONFLICT");
    await expectRejectedWithoutChange(() => updateIntegrationSystem(app.db, actor, other.id, { name: "Case Sys", description: "changed" }), "CONFLICT");
  });

  test("update validates like create and changes nothing on bad input", async () => {
    const system = await create("Validate Update", "kept");
    await expectRejectedWithoutChange(() => updateIntegrationSystem(app.db, actor, system.id, { name: "a".repeat(65) }), "BAD_USER_INPUT", "in.name");
    await expectRejectedWithoutChange(() => updateIntegrationSystem(app.db, actor, system.id, { name: "-x" }), "BAD_USER_INPUT", "in.name");
    await expectRejectedWithoutChange(
      () => updateIntegrationSystem(app.db, actor, system.id, { name: "ok", description: "d".repeat(2001) }),
      "BAD_USER_INPUT",
      "in.description",
    );
  });

  test("unknown ids are NOT_FOUND for update and delete", async () => {
    for (const id of ["3f1c2d8e-1111-4222-8333-944455556666", "not-a-uuid", "", "x".repeat(500)]) {
      await expectRejectedWithoutChange(() => updateIntegrationSystem(app.db, actor, id, { name: "Whatever" }), "NOT_FOUND");
      await expectRejectedWithoutChange(() => deleteIntegrationSystem(app.db, actor, id), "NOT_FOUND");
    }
  });

  test("delete removes the system and only its credentials, returns the system, one audit event", async () => {
    const system = await create("Delete Me", "bye");
    const kept = await create("Keep Me");
    const auths = [await generateClientCredentials(app.db, actor, system.id), await generateClientCredentials(app.db, actor, system.id)];
    const keptAuth = await generateClientCredentials(app.db, actor, kept.id);

    const { result, events } = await auditOf(() => deleteIntegrationSystem(app.db, actor, system.id));
    assert.equal(result.id, system.id);
    assert.equal(result.name, "Delete Me");
    assert.equal(result.description, "bye");
    assert.deepEqual(result.auths.map((auth) => auth.id).sort(), auths.map((auth) => auth.id).sort());
    assert.equal(events.length, 1);
    assert.equal(events[0].action, "INTEGRATION_SYSTEM_DELETED");
    assert.equal(events[0].objectId, system.id);
    assertAuditedBy(events[0]);

    assert.equal(await app.db.integrationSystem.findUnique({ where: { id: system.id } }), null);
    assert.equal(await app.db.systemAuth.count({ where: { integrationSystemId: system.id } }), 0);
    assert.ok(await app.db.systemAuth.findUnique({ where: { id: keptAuth.id } }), "other systems' credentials stay");
    await expectRejectedWithoutChange(() => deleteIntegrationSystem(app.db, actor, system.id), "NOT_FOUND");
  });

  test("delete is one transaction: when a later step fails, the credentials are not deleted either", async () => {
    const system = await create("Atomic Delete");
    await generateClientCredentials(app.db, actor, system.id);
    // The audit write, the last step, fails: the credential deletion before it must roll back.
    const failingAudit = new Proxy(app.db, {
      get(target, prop, receiver) {
        if (prop !== "$transaction") return Reflect.get(target, prop, receiver);
        return (fn: (tx: unknown) => Promise<unknown>) =>
          target.$transaction((tx) =>
            fn(
              new Proxy(tx, {
                get(txTarget, txProp) {
                  if (txProp === "auditEvent") return { create: () => Promise.reject(new Error("audit log unavailable")) };
                  return Reflect.get(txTarget, txProp);
                },
              }),
            ),
          );
      },
    }) as Db;
    const before = await snapshot();
    await assert.rejects(deleteIntegrationSystem(failingAudit, actor, system.id), /audit log unavailable/);
    assert.deepEqual(await snapshot(), before);
  });
});

describe("listing", () => {
  async function page(args: Parameters<typeof listIntegrationSystems>[1]) {
    const result = await listIntegrationSystems(app.db, args);
    return { ...result, names: result.rows.map((row) => row.name), totalCount: await result.countTotal() };
  }

  /** Every row of a listing, a page at a time, failing on a repeated row. */
  async function walk(args: { search?: string; orderBy?: { field: OrderField; direction: Direction }; first: number }) {
    const rows: IntegrationSystem[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 1000; pages++) {
      const result = await page({ ...args, after });
      rows.push(...result.rows);
      if (!result.pageInfo.hasNextPage) {
        assert.equal(new Set(rows.map((row) => row.id)).size, rows.length, "no row twice");
        return rows;
      }
      assert.equal(result.rows.length, args.first);
      after = result.pageInfo.endCursor;
    }
    throw new Error("paging did not end");
  }

  test("search is case-insensitive substring matching, and totalCount follows it", async () => {
    for (const name of ["Srch Alpha", "SRCH beta", "xsrchx", "unrelated one", "ÄÖÜ srch Umlaut"]) await create(name);
    const result = await page({ first: 100, search: "sRcH" });
    assert.deepEqual(result.names.sort(), ["ÄÖÜ srch Umlaut", "SRCH beta", "Srch Alpha", "xsrchx"].sort());
    assert.equal(result.totalCount, 4);
    assert.deepEqual((await page({ first: 100, search: "  äöü " })).names, ["ÄÖÜ srch Umlaut"]);
    assert.deepEqual((await page({ first: 100, search: "ÄÖÜ" })).names, ["ÄÖÜ srch Umlaut"]);
    const limited = await page({ first: 2, search: "srch" });
    assert.equal(limited.rows.length, 2);
    assert.equal(limited.totalCount, 4, "totalCount counts every match, not the page");
    const unfiltered = await page({ first: 1 });
    assert.equal(unfiltered.totalCount, await app.db.integrationSystem.count());
    assert.equal((await page({ first: 1, search: "   " })).totalCount, unfiltered.totalCount, "a blank search is no filter");
  });

  test("search treats % _ and \\ literally", async () => {
    for (const name of ["lit_x1", "litax1", "lit-x1", "lit x1", "lit.x1", "litx_"]) await create(name);
    const all = (await app.db.integrationSystem.findMany()).map((row) => row.name);
    const expectSearch = async (search: string, expected: string[]) => {
      const result = await page({ first: 200, search });
      assert.deepEqual(result.names.sort(), expected.sort(), `search ${JSON.stringify(search)}`);
      assert.equal(result.totalCount, expected.length, `totalCount of search ${JSON.stringify(search)}`);
    };
    await expectSearch("t_x", ["lit_x1"]);
    await expectSearch(" t_x ", ["lit_x1"]);
    await expectSearch(
      "_",
      all.filter((name) => name.includes("_")),
    );
    await expectSearch("x_", ["litx_"]);
    await expectSearch("%", []);
    await expectSearch("t%x", []);
    await expectSearch("\\", []);
    await expectSearch("\\_", []);
    await expectSearch("t\\_x", []);
    await expectSearch("lit.", ["lit.x1"]);
    for (const field of ["NAME", "CREATED_AT"] as const) {
      for (const direction of ["ASC", "DESC"] as const) {
        const names = (await walk({ first: 1, search: "_", orderBy: { field, direction } })).map((row) => row.name);
        assert.deepEqual(names.sort(), all.filter((name) => name.includes("_")).sort());
      }
    }
  });

  test("every ordering stays correct across pages", async () => {
    // Mixed case, so NAME order must ignore case; created out of name order.
    const codes = ["m3", "b7", "z1", "a0", "q5", "c2", "k9", "e4", "x8", "g6", "p0", "d1", "y3", "f5", "h7", "n2", "s4", "t6", "u8", "w9", "j1", "r3", "v5"];
    const created: IntegrationSystem[] = [];
    for (const [index, code] of codes.entries()) {
      created.push(await create(`${index % 2 ? "ORDQ" : "ordq"}${index % 3 ? code.toUpperCase() : code}`));
    }
    const byName = [...created].sort((a, b) => (a.nameKey < b.nameKey ? -1 : 1)).map((row) => row.id);
    const byCreation = [...created].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1)).map((row) => row.id);
    const expected: Record<string, string[]> = {
      "NAME:ASC": byName,
      "NAME:DESC": [...byName].reverse(),
      "CREATED_AT:ASC": byCreation,
      "CREATED_AT:DESC": [...byCreation].reverse(),
    };
    for (const field of ["NAME", "CREATED_AT"] as const) {
      for (const direction of ["ASC", "DESC"] as const) {
        const orderBy = { field, direction };
        for (const first of [1, 4, 23, 200]) {
          const searched = await walk({ first, search: "ORDQ", orderBy });
          assert.deepEqual(
            searched.map((row) => row.id),
            expected[`${field}:${direction}`],
            `${field} ${direction}, pages of ${first}, with search`,
          );
        }
        // Without a search: the whole table, the same order page by page as in one page.
        const everything = await walk({ first: 200, orderBy });
        const paged = await walk({ first: 7, orderBy });
        assert.deepEqual(
          paged.map((row) => row.id),
          everything.map((row) => row.id),
          `${field} ${direction} without search`,
        );
        const ordq = new Set(created.map((row) => row.id));
        assert.deepEqual(
          paged.map((row) => row.id).filter((id) => ordq.has(id)),
          expected[`${field}:${direction}`],
        );
        const total = await app.db.integrationSystem.count();
        assert.equal(everything.length, total);
      }
    }
    // The default ordering is by creation, oldest first.
    const defaultOrder = await walk({ first: 5, search: "ordq" });
    assert.deepEqual(
      defaultOrder.map((row) => row.id),
      byCreation,
    );
  });

  test("rows created in the same millisecond page in id order", async () => {
    const createdAt = new Date(Date.UTC(2020, 5, 1, 12, 0, 0, 123));
    const ids = ["0a", "3c", "1b", "9f", "5e"].map((prefix) => `${prefix}000000-0000-7000-8000-000000000000`);
    for (const [index, id] of ids.entries()) {
      await app.db.integrationSystem.create({ data: { id, name: `tieq ${index}`, nameKey: `tieq ${index}`, nameSkeleton: `tieq ${index}`, createdAt } });
    }
    const ascending = [...ids].sort();
    for (const search of ["tieq", undefined]) {
      for (const direction of ["ASC", "DESC"] as const) {
        const walked = (await walk({ first: 1, search, orderBy: { field: "CREATED_AT", direction } })).map((row) => row.id).filter((id) => ids.includes(id));
        assert.deepEqual(walked, direction === "ASC" ? ascending : [...ascending].reverse(), `${direction}, search ${search}`);
      }
    }
  });

  test("rows inserted or deleted while paging never make a row appear twice", async () => {
    const initial: IntegrationSystem[] = [];
    for (let i = 0; i < 9; i++) initial.push(await create(`mvcc ${String.fromCharCode(98 + i)}`));
    for (const field of ["NAME", "CREATED_AT"] as const) {
      const seen: string[] = [];
      let result = await page({ first: 3, search: "mvcc", orderBy: { field, direction: "ASC" } });
      seen.push(...result.rows.map((row) => row.id));
      // Delete the row the cursor points at and an unseen one, insert rows before and after the cursor.
      const cursorRow = result.rows[2];
      const unseen = initial[7];
      await deleteIntegrationSystem(app.db, actor, cursorRow.id);
      await deleteIntegrationSystem(app.db, actor, unseen.id);
      const early = await create(`mvcc a ${field}`);
      const late = await create(`mvcc z ${field}`);
      while (result.pageInfo.hasNextPage) {
        result = await page({ first: 3, search: "mvcc", orderBy: { field, direction: "ASC" }, after: result.pageInfo.endCursor });
        seen.push(...result.rows.map((row) => row.id));
      }
      assert.equal(new Set(seen).size, seen.length, `${field}: no row twice`);
      assert.ok(!seen.includes(unseen.id), `${field}: a row deleted before it was reached is not returned`);
      assert.ok(seen.includes(late.id), `${field}: a row inserted after the cursor is returned`);
      if (field === "NAME") assert.ok(!seen.includes(early.id), "a row inserted before the cursor is not");
      // Reset for the next ordering.
      await app.db.integrationSystem.deleteMany({ where: { id: { in: [early.id, late.id] } } });
      initial.splice(
        initial.findIndex((row) => row.id === cursorRow.id),
        1,
        await create(cursorRow.name),
      );
      initial.splice(
        initial.findIndex((row) => row.id === unseen.id),
        1,
        await create(unseen.name),
      );
    }
  });

  test("an empty page has empty cursors, and the last page has no next page and no endCursor (Compass's)", async () => {
    const empty = await page({ first: 10, search: "no such system anywhere" });
    assert.deepEqual(empty.rows, []);
    assert.deepEqual(empty.pageInfo, { startCursor: "", endCursor: "", hasNextPage: false });
    assert.equal(empty.totalCount, 0);
    for (const name of ["last page one", "last page two"]) await create(name);
    const exact = await page({ first: 2, search: "last page" });
    assert.equal(exact.pageInfo.hasNextPage, false, "a page that ends exactly at the last row");
    assert.deepEqual(exact.pageInfo, { startCursor: "", endCursor: "", hasNextPage: false });
    const fromEmptyCursor = await page({ first: 2, search: "last page", after: "" });
    assert.deepEqual(fromEmptyCursor.names, exact.names, '"" means from the start');
  });

  test("first must be from 1 to 200", async () => {
    for (const first of [0, -1, 201, 1000, 1.5, Number.NaN]) {
      await rejectsWithCode(listIntegrationSystems(app.db, { first }), "BAD_USER_INPUT", "first");
      await rejectsWithCode(listIntegrationSystems(app.db, { first, search: "a" }), "BAD_USER_INPUT", "first");
    }
    assert.equal((await page({ first: 1 })).rows.length, 1);
    assert.ok((await page({ first: 200 })).rows.length > 1);
  });

  test("a cursor from another ordering, a malformed or a forged cursor is BAD_USER_INPUT on after", async () => {
    const cursors: Record<string, string> = {};
    for (const field of ["NAME", "CREATED_AT"] as const) {
      for (const direction of ["ASC", "DESC"] as const) {
        cursors[`${field}:${direction}`] = (await page({ first: 1, orderBy: { field, direction } })).pageInfo.endCursor;
      }
    }
    for (const [made, cursor] of Object.entries(cursors)) {
      for (const used of Object.keys(cursors)) {
        if (used === made) continue;
        const [field, direction] = used.split(":") as [OrderField, Direction];
        for (const search of [undefined, "a"]) {
          await rejectsWithCode(listIntegrationSystems(app.db, { first: 5, after: cursor, orderBy: { field, direction }, search }), "BAD_USER_INPUT", "after");
        }
      }
    }
    const forged = [
      "not a cursor!",
      "abc",
      Buffer.from("null").toString("base64url"),
      Buffer.from("{}").toString("base64url"),
      encodeCursor("auditEvents", [Date.now(), "x"]),
      encodeCursor("integrationSystems:CREATED_AT:ASC", ["yesterday", "x"]),
      encodeCursor("integrationSystems:CREATED_AT:ASC", [1e300, "x"]),
      encodeCursor("integrationSystems:CREATED_AT:ASC", [8.64e15, "x"]),
      encodeCursor("integrationSystems:CREATED_AT:ASC", [-8.64e15, "x"]),
      encodeCursor("integrationSystems:CREATED_AT:ASC", [1.5, "x"]),
      encodeCursor("integrationSystems:CREATED_AT:ASC", [Date.now()]),
      encodeCursor("integrationSystems:CREATED_AT:ASC", [Date.now(), 7]),
    ];
    for (const cursor of forged) {
      for (const search of [undefined, "a"]) {
        await rejectsWithCode(listIntegrationSystems(app.db, { first: 5, after: cursor, search }), "BAD_USER_INPUT", "after");
      }
    }
    await rejectsWithCode(
      listIntegrationSystems(app.db, { first: 5, after: encodeCursor("integrationSystems:NAME:ASC", [42]), orderBy: { field: "NAME" } }),
      "BAD_USER_INPUT",
      "after",
    );
  });
});
