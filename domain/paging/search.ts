import { Prisma } from "@/generated/prisma-sqlite/client";
import type { Db } from "@/lib/db";
import { type LazyPage, toPage } from "./cursor";

/**
 * SQL pieces for the raw queries behind searches. Prisma's `contains` passes
 * "%" and "_" to LIKE as wildcards and SQLite's LIKE has no default escape
 * character, so searches are raw SQL with an explicit ESCAPE, written to run
 * unchanged on both providers.
 */

/** `"column" LIKE '%text%'`, with `text` matched literally. Pass a column name, never input. */
export function containsSql(column: string, text: string): Prisma.Sql {
  const pattern = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  return Prisma.sql`${Prisma.raw(`"${column}"`)} LIKE ${pattern} ESCAPE '\\'`;
}

/** Rows after (createdAt, id) in `direction`: the SQL twin of afterTimeAndId (paging/cursor.ts). */
export function afterTimeAndIdSql(createdAt: Date, id: string, direction: "ASC" | "DESC"): Prisma.Sql {
  const op = Prisma.raw(direction === "ASC" ? ">" : "<");
  // The leading bound lets the database seek the index (see afterTimeAndId).
  const bound = Prisma.raw(direction === "ASC" ? ">=" : "<=");
  return Prisma.sql`"createdAt" ${bound} ${createdAt} AND ("createdAt" ${op} ${createdAt} OR ("createdAt" = ${createdAt} AND "id" ${op} ${id}))`;
}

/**
 * One page of a search: the ids from raw SQL (`matches` and `keyset` in
 * `orderBy`, one row beyond `first` to know whether more follow), the rows
 * then read through Prisma so they are typed and mapped exactly like an
 * unfiltered list's, in the raw query's order. `table` is the model's table
 * name, from code, never input.
 */
export async function searchPage<Row extends { id: string }>(
  db: Db,
  args: {
    table: string;
    matches: Prisma.Sql;
    keyset: Prisma.Sql;
    orderBy: Prisma.Sql;
    first: number;
    rowsByIds: (ids: string[]) => Promise<Row[]>;
    cursorOf: (row: Row) => string;
  },
): Promise<LazyPage<Row>> {
  const table = Prisma.raw(`"${args.table}"`);
  const ids = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM ${table} WHERE ${args.matches} AND ${args.keyset} ORDER BY ${args.orderBy} LIMIT ${args.first + 1}`;
  const byId = new Map((await args.rowsByIds(ids.map((row) => row.id))).map((row) => [row.id, row]));
  const rows = ids.map((row) => byId.get(row.id)).filter((row): row is Row => row !== undefined);
  return {
    ...toPage(rows, args.first, args.cursorOf),
    countTotal: async () => {
      const [{ count }] = await db.$queryRaw<{ count: number | bigint }[]>`
        SELECT COUNT(*) AS "count" FROM ${table} WHERE ${args.matches}`;
      return Number(count);
    },
  };
}
