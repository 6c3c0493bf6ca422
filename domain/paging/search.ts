import { Prisma } from "@/generated/prisma-sqlite/client";

/**
 * SQL pieces for the raw queries behind searches. Prisma's `contains` passes
 * "%" and "_" to LIKE as wildcards and SQLite's LIKE has no default escape
 * character, so searches are raw SQL with an explicit ESCAPE, written to run
 * unchanged on both providers.
 */

/** `"column" LIKE '%text%'`, with `text` matched literally. Pass a column name, never input. */
export function containsSql(column: string, text: string): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(`"${column}"`)} LIKE ${literalPattern(text)} ESCAPE '\\'`;
}

/** `LOWER("column") LIKE '%text%'`: the column contains `text` ignoring case, matched literally. */
export function lowerContainsSql(column: string, text: string): Prisma.Sql {
  return Prisma.sql`LOWER(${Prisma.raw(`"${column}"`)}) LIKE ${literalPattern(text.toLowerCase())} ESCAPE '\\'`;
}

const literalPattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
