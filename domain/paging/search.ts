import { Prisma } from "../../generated/prisma-sqlite/client";

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

/** Rows after (createdAt, id) in `direction`: the SQL twin of afterTimeAndId (base/cursor.ts). */
export function afterTimeAndIdSql(createdAt: Date, id: string, direction: "ASC" | "DESC"): Prisma.Sql {
  const op = Prisma.raw(direction === "ASC" ? ">" : "<");
  // The leading bound lets the database seek the index (see afterTimeAndId).
  const bound = Prisma.raw(direction === "ASC" ? ">=" : "<=");
  return Prisma.sql`"createdAt" ${bound} ${createdAt} AND ("createdAt" ${op} ${createdAt} OR ("createdAt" = ${createdAt} AND "id" ${op} ${id}))`;
}
