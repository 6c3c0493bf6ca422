import { isStorableText } from "@/lib/text";
import { badInput } from "@/domain/errors";

/**
 * Keyset cursors: base64url JSON of [kind, ...sort key values]. The kind names
 * the list and its ordering, so a cursor from another list or ordering is
 * refused instead of silently skipping rows.
 */
type KeyValue = string | number;

export function encodeCursor(kind: string, values: KeyValue[]): string {
  return Buffer.from(JSON.stringify([kind, ...values])).toString("base64url");
}

/** "time": milliseconds since the epoch, within what both databases can store. */
type ValueType = "string" | "number" | "time";

const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const isValidTime = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_TIME;

export function decodeCursor(kind: string, cursor: string, valueTypes: ValueType[], field = "after"): KeyValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badInput(field, "Malformed cursor: pass a pageInfo.endCursor from the same list");
  }
  if (!Array.isArray(parsed) || parsed[0] !== kind || parsed.length !== valueTypes.length + 1) {
    throw badInput(field, "This cursor belongs to another list or ordering: pass a pageInfo.endCursor from the same query");
  }
  const values = parsed.slice(1) as unknown[];
  values.forEach((value, index) => {
    // A forged time would otherwise reach the database as an Invalid Date and fail there.
    const valid = valueTypes[index] === "time" ? isValidTime(value) : typeof value === valueTypes[index];
    // So would a forged string the database cannot store (lib/text.ts).
    if (!valid || (typeof value === "string" && !isStorableText(value)))
      throw badInput(field, "Malformed cursor: pass a pageInfo.endCursor from the same list");
  });
  return values as KeyValue[];
}

export const MAX_PAGE_SIZE = 200;

export function checkPageSize(first: number, field = "first"): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(field, `"${field}" must be from 1 to ${MAX_PAGE_SIZE}, got ${first}`);
  }
  return first;
}

export interface PageInfoShape {
  startCursor: string;
  endCursor: string;
  hasNextPage: boolean;
}

/**
 * Turns `first + 1` fetched rows into a page: the extra row only tells that a
 * next page exists. The page info is Compass's (pkg/pagination and
 * internal/repo/list_pageable.go, asserted by its e2e tests): `startCursor` is
 * the `after` that gives this page (`""` on the first), and `endCursor` is the
 * `after` of the next page, `""` when there is none. A client that walks
 * `while (hasNextPage) after = endCursor` works either way; one that checks
 * Compass's values (`startCursor == after`, an empty `endCursor` at the end)
 * needs these (docs/decisions/0025-compass-page-info.md).
 */
export function toPage<Row>(
  rows: Row[],
  first: number,
  cursorOf: (row: Row) => string,
  after: string | null | undefined,
): { rows: Row[]; pageInfo: PageInfoShape } {
  const hasNextPage = rows.length > first;
  const pageRows = hasNextPage ? rows.slice(0, first) : rows;
  return {
    rows: pageRows,
    pageInfo: {
      startCursor: after ?? "",
      endCursor: hasNextPage ? cursorOf(pageRows[pageRows.length - 1]) : "",
      hasNextPage,
    },
  };
}

/** A page whose total is counted only if the caller asks for totalCount. */
export interface LazyPage<Row> {
  rows: Row[];
  pageInfo: PageInfoShape;
  countTotal: () => Promise<number>;
}
