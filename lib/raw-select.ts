/**
 * The start of a prepared-statement read (lib/db.ts, found by rawReader in domain/instance.ts) that answers
 * the rows Prisma would: every scalar column of a model, listed from Prisma's
 * own field enum (`Prisma.<Model>ScalarFieldEnum`), so a column added to the
 * schema is never missed.
 */
export function selectEveryColumn(table: string, scalarFields: Record<string, string>): string {
  const columns = Object.values(scalarFields)
    .map((column) => `"${column}"`)
    .join(", ");
  return `SELECT ${columns} FROM "${table}"`;
}

/** The DateTime columns every model here has; the reader turns them into Dates, as Prisma does. */
export const TIMESTAMP_COLUMNS = ["createdAt", "updatedAt"] as const;
