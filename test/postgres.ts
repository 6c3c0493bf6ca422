import { randomBytes } from "node:crypto";
import pg from "pg";

/** Where test databases are created (README: TEST_POSTGRES_URL). */
export const ADMIN_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function onAdminDatabase(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty PostgreSQL database of its own for one test file or server; `drop` removes it. */
export async function createPostgresDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  await onAdminDatabase(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_POSTGRES_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onAdminDatabase(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
