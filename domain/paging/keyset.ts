import { Prisma } from "@/generated/prisma-sqlite/client";
import type { Db } from "@/lib/db";
import { rawReader } from "@/domain/instance";
import { type LazyPage, checkPageSize, decodeCursor, encodeCursor, toPage } from "./cursor";

/**
 * The one keyset builder every list pages with. A list names its sort
 * columns (the last one unique, so the order is total) and a direction; the
 * builder writes the cursor, its decoding (a cursor of another list, ordering
 * or a forged one is BAD_USER_INPUT) and the condition "after this row" once,
 * as SQL that runs unchanged on both databases, prepared beside Prisma
 * (lib/db.ts, rawReader) or through Prisma's $queryRaw. The cursor holds the
 * last row's sort key, so a deep page costs what the first does and rows
 * inserted or deleted meanwhile never make a row appear twice or go missing.
 */
export type Direction = "ASC" | "DESC";

/** A sort column: its name (from code, never input) and how its value travels in a cursor. */
export interface KeyColumn {
  name: string;
  type: "time" | "string";
}

/** Most lists: creation time, then id. */
export const BY_CREATED_AT: readonly KeyColumn[] = [
  { name: "createdAt", type: "time" },
  { name: "id", type: "string" },
];

/** A row's sort key, in column order (times as Dates). */
type Position = readonly (Date | string)[];

export interface Keyset<Row> {
  /** The position an `after` cursor names, or null on the first page. */
  decode(after: string | null | undefined): Position | null;
  cursorOf(row: Row): string;
  positionOf(row: Row): Position;
  /**
   * Rows after `position` in `direction` ("1 = 1" without one). Past two
   * columns the leading bound on the first alone is implied by the OR, but it
   * lets the database seek the index instead of scanning it
   * (docs/decisions/0005-keyset-paging-seek-bound.md).
   */
  after(position: Position | null, direction?: Direction): Prisma.Sql;
  orderBy(direction?: Direction): Prisma.Sql;
  direction: Direction;
}

const column = (name: string) => Prisma.raw(`"${name}"`);

/** The keyset of list `kind` ordered by `columns` in `direction`; `kind` names the list and ordering in its cursors. */
export function keyset<Row>(kind: string, columns: readonly KeyColumn[], direction: Direction): Keyset<Row> {
  const positionOf = (row: Row) => columns.map(({ name }) => (row as Record<string, Date | string>)[name]);
  return {
    direction,
    decode(after) {
      if (!after) return null;
      const values = decodeCursor(
        kind,
        after,
        columns.map(({ type }) => type),
      );
      return values.map((value, index) => (columns[index].type === "time" ? new Date(value as number) : (value as string)));
    },
    positionOf,
    cursorOf: (row) =>
      encodeCursor(
        kind,
        positionOf(row).map((value) => (value instanceof Date ? value.getTime() : value)),
      ),
    after(position, to = direction) {
      if (!position) return Prisma.sql`1 = 1`;
      const op = Prisma.raw(to === "ASC" ? ">" : "<");
      const beyond = columns.map((_, index) =>
        Prisma.join(
          columns.slice(0, index + 1).map(({ name }, at) => Prisma.sql`${column(name)} ${at === index ? op : Prisma.raw("=")} ${position[at]}`),
          " AND ",
        ),
      );
      if (columns.length === 1) return beyond[0];
      const bound = Prisma.raw(to === "ASC" ? ">=" : "<=");
      return Prisma.sql`${column(columns[0].name)} ${bound} ${position[0]} AND (${Prisma.join(
        beyond.map((part) => Prisma.sql`(${part})`),
        " OR ",
      )})`;
    },
    orderBy: (to = direction) =>
      Prisma.join(
        columns.map(({ name }) => Prisma.sql`${column(name)} ${Prisma.raw(to)}`),
        ", ",
      ),
  };
}

/** How a list's rows are read: their table, and the prepared statement's columns where the list is hot. */
export interface PageSource<Row extends { id: string }> {
  /** The model's table (from code, never input). */
  table: string;
  /** Every scalar column, for one prepared statement per page (lib/raw-select.ts); omitted: ids, then rows through Prisma. */
  prepared?: { select: string; dateColumns: readonly string[] };
  /** The rows with these ids, through Prisma (any order). */
  rowsByIds: (ids: string[]) => Promise<Row[]>;
}

/** Rows of `source` matching `where`, in `order` after `position`, at most `limit`. */
export async function readRows<Row extends { id: string }>(
  db: Db,
  source: PageSource<Row>,
  where: Prisma.Sql,
  order: Prisma.Sql,
  limit: number,
): Promise<Row[]> {
  const raw = rawReader(db);
  if (raw && source.prepared) {
    // The statement's text depends only on the list's shape, so it is prepared once and then only bound.
    const sql = Prisma.sql`${Prisma.raw(source.prepared.select)} WHERE ${where} ORDER BY ${order} LIMIT ${limit}`;
    return raw.rows<Row>(sql.text, preparedValues(raw, sql.values), source.prepared.dateColumns);
  }
  const table = Prisma.raw(`"${source.table}"`);
  const ids = await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM ${table} WHERE ${where} ORDER BY ${order} LIMIT ${limit}`;
  const byId = new Map((await source.rowsByIds(ids.map((row) => row.id))).map((row) => [row.id, row]));
  // A row deleted between the two reads is left out rather than answered as null.
  return ids.map((row) => byId.get(row.id)).filter((row): row is Row => row !== undefined);
}

function preparedValues(raw: NonNullable<ReturnType<typeof rawReader>>, values: unknown[]): unknown[] {
  return values.map((value) => (value instanceof Date ? raw.time(value) : value));
}

/** How many rows of `source` match `where`. */
export async function countRows(db: Db, source: PageSource<{ id: string }>, where: Prisma.Sql): Promise<number> {
  const raw = rawReader(db);
  const sql = Prisma.sql`SELECT COUNT(*) AS "count" FROM ${Prisma.raw(`"${source.table}"`)} WHERE ${where}`;
  const [{ count }] =
    raw && source.prepared
      ? await raw.rows<{ count: number | string }>(sql.text, preparedValues(raw, sql.values), [])
      : await db.$queryRaw<{ count: number | bigint }[]>(sql);
  return Number(count);
}

/**
 * One keyset page: the rows of `source` that `matches` keeps, after the
 * `after` cursor in the keyset's order, `first` of them (1 to 200), and the
 * total counted only if asked for.
 */
export async function keysetPage<Row extends { id: string }>(
  db: Db,
  source: PageSource<Row>,
  args: { matches: Prisma.Sql; keyset: Keyset<Row>; first: number; after?: string | null },
): Promise<LazyPage<Row>> {
  const first = checkPageSize(args.first);
  const position = args.keyset.decode(args.after);
  const rows = await readRows(db, source, Prisma.sql`${args.matches} AND ${args.keyset.after(position)}`, args.keyset.orderBy(), first + 1);
  return { ...toPage(rows, first, args.keyset.cursorOf, args.after), countTotal: () => countRows(db, source, args.matches) };
}

/** Parents per statement of firstKeysetPages' per-parent read: bounds its text and parameters (three per parent). */
export const FIRST_PAGES_PER_STATEMENT = 100;

/**
 * The first page of each of several lists that differ only in one column's
 * value (the objects under each of these parents): what a page of parents
 * asking each for its children costs, instead of a read per parent. Each page
 * is what keysetPage answers for that value without a cursor.
 *
 * First one grouped count for every value (the totals, which a page answers
 * anyway). Values with no rows need nothing more: a page of 100 applications
 * without bundles costs that one statement. Values whose whole list fits in a
 * page are read together in one statement, all their rows; only values with
 * more rows than a page need a limited read each, joined with UNION ALL, a
 * statement per hundred such values (their text and work grow with the
 * values, which is why the others avoid it). Then the rows through `rowsByIds`.
 */
export async function firstKeysetPages<Row extends { id: string }>(
  db: Db,
  source: PageSource<Row>,
  args: { matches: Prisma.Sql; column: string; values: readonly string[]; keyset: Keyset<Row>; first: number },
): Promise<Map<string, LazyPage<Row>>> {
  const first = checkPageSize(args.first);
  const table = Prisma.raw(`"${source.table}"`);
  const column = Prisma.raw(`"${args.column}"`);
  const values = [...new Set(args.values)];
  const counted = values.length
    ? await db.$queryRaw<{ value: string; count: number | bigint }[]>`
      SELECT ${column} AS "value", COUNT(*) AS "count" FROM ${table}
      WHERE ${args.matches} AND ${column} IN (${Prisma.join(values)}) GROUP BY ${column}`
    : [];
  const counts = new Map(counted.map((row) => [row.value, Number(row.count)]));
  const whole = values.filter((value) => (counts.get(value) ?? 0) > 0 && counts.get(value)! <= first);
  const partial = values.filter((value) => (counts.get(value) ?? 0) > first);
  const ids: string[] = [];
  if (whole.length) {
    const read = await db.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM ${table} WHERE ${args.matches} AND ${column} IN (${Prisma.join(whole)}) ORDER BY ${args.keyset.orderBy()}`;
    ids.push(...read.map((row) => row.id));
  }
  for (let at = 0; at < partial.length; at += FIRST_PAGES_PER_STATEMENT) {
    // A UNION ALL keeps no order of its own: each part numbers its rows in the keyset's order, and the whole is sorted by them.
    const parts = partial.slice(at, at + FIRST_PAGES_PER_STATEMENT).map(
      (value, index) =>
        Prisma.sql`SELECT "id", ${Prisma.raw(String(index))} AS "part", ROW_NUMBER() OVER (ORDER BY ${args.keyset.orderBy()}) AS "n"
          FROM (SELECT * FROM ${table} WHERE ${args.matches} AND ${column} = ${value} ORDER BY ${args.keyset.orderBy()} LIMIT ${first + 1}) AS ${Prisma.raw(`"p${index}"`)}`,
    );
    const read = await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM (${Prisma.join(parts, " UNION ALL ")}) AS "pages" ORDER BY "part", "n"`;
    ids.push(...read.map((row) => row.id));
  }
  const byId = new Map((ids.length ? await source.rowsByIds(ids) : []).map((row) => [row.id, row]));
  const rowsOf = new Map<string, Row[]>(values.map((value) => [value, []]));
  // In the order read: each value's rows in its keyset order. A row deleted between the reads is left out; rows
  // added to a whole list since the count are kept to a page and one (so the page says it has a next one).
  for (const id of ids) {
    const row = byId.get(id);
    const rows = row && rowsOf.get((row as unknown as Record<string, string>)[args.column]);
    if (rows && rows.length <= first) rows.push(row);
  }
  return new Map(
    values.map((value) => [value, { ...toPage(rowsOf.get(value)!, first, args.keyset.cursorOf, null), countTotal: async () => counts.get(value) ?? 0 }]),
  );
}
