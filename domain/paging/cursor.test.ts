import assert from "node:assert/strict";
import { test } from "node:test";
import { MAX_PAGE_SIZE, checkPageSize, decodeCursor, encodeCursor, toPage } from "./cursor";

function expectBadInput(fn: () => unknown, field: string) {
  assert.throws(fn, (error: { code?: string; field?: string }) => {
    assert.equal(error.code, "BAD_USER_INPUT");
    assert.equal(error.field, field);
    return true;
  });
}

test("a cursor decodes to the values it was encoded from", () => {
  const time = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
  const cursor = encodeCursor("things:CREATED_AT:ASC", [time, "0192-id"]);
  assert.match(cursor, /^[A-Za-z0-9_-]+$/, "base64url, so it passes the PageCursor scalar");
  assert.deepEqual(decodeCursor("things:CREATED_AT:ASC", cursor, ["time", "string"]), [time, "0192-id"]);
  const unicode = encodeCursor("things:NAME:DESC", ["東京 système_1.0"]);
  assert.deepEqual(decodeCursor("things:NAME:DESC", unicode, ["string"]), ["東京 système_1.0"]);
  assert.deepEqual(decodeCursor("k", encodeCursor("k", [1.5, -3]), ["number", "number"]), [1.5, -3]);
});

test("a cursor of another list or ordering is refused", () => {
  const cursor = encodeCursor("things:NAME:ASC", ["a"]);
  expectBadInput(() => decodeCursor("things:NAME:DESC", cursor, ["string"]), "after");
  expectBadInput(() => decodeCursor("others:NAME:ASC", cursor, ["string"]), "after");
  expectBadInput(() => decodeCursor("things:NAME:ASC", cursor, ["string", "string"]), "after");
  expectBadInput(() => decodeCursor("things:NAME:ASC", encodeCursor("things:NAME:ASC", ["a", "b"]), ["string"]), "after");
});

test("malformed cursors are BAD_USER_INPUT on the named field", () => {
  const kind = "things:CREATED_AT:ASC";
  const malformed = [
    "",
    "!!!",
    "e30", // {}
    Buffer.from("null").toString("base64url"),
    Buffer.from('"things:CREATED_AT:ASC"').toString("base64url"),
    Buffer.from("[").toString("base64url"),
    encodeCursor(kind, ["yesterday", "id"]),
    encodeCursor(kind, [Date.now(), 42]),
    encodeCursor(kind, [1e300, "id"]),
    encodeCursor(kind, [8.64e15, "id"]),
    encodeCursor(kind, [-1, "id"]),
    encodeCursor(kind, [1.5, "id"]),
    Buffer.from(JSON.stringify([kind, null, "id"])).toString("base64url"),
  ];
  for (const cursor of malformed) expectBadInput(() => decodeCursor(kind, cursor, ["time", "string"]), "after");
  expectBadInput(() => decodeCursor(kind, "!!!", ["time", "string"], "before"), "before");
});

test("page sizes from 1 to 200", () => {
  assert.equal(MAX_PAGE_SIZE, 200);
  assert.equal(checkPageSize(1), 1);
  assert.equal(checkPageSize(200), 200);
  for (const first of [0, -1, 201, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expectBadInput(() => checkPageSize(first), "first");
  expectBadInput(() => checkPageSize(0, "last"), "last");
});

test("toPage: the extra row only says that a next page exists; the page info is Compass's", () => {
  const cursorOf = (row: number) => `c${row}`;
  assert.deepEqual(toPage([], 3, cursorOf, null), { rows: [], pageInfo: { startCursor: "", endCursor: "", hasNextPage: false } });
  assert.deepEqual(toPage([1, 2], 3, cursorOf, undefined), { rows: [1, 2], pageInfo: { startCursor: "", endCursor: "", hasNextPage: false } });
  // A full last page: no next page, so no cursor to continue from.
  assert.deepEqual(toPage([1, 2, 3], 3, cursorOf, "c0"), { rows: [1, 2, 3], pageInfo: { startCursor: "c0", endCursor: "", hasNextPage: false } });
  assert.deepEqual(toPage([1, 2, 3, 4], 3, cursorOf, null), { rows: [1, 2, 3], pageInfo: { startCursor: "", endCursor: "c3", hasNextPage: true } });
  assert.deepEqual(toPage([4, 5, 6, 7], 3, cursorOf, "c3").pageInfo, { startCursor: "c3", endCursor: "c6", hasNextPage: true });
  // Past the end: the cursor given still starts the (empty) page.
  assert.deepEqual(toPage([], 1, cursorOf, "c9").pageInfo, { startCursor: "c9", endCursor: "", hasNextPage: false });
});
