import { randomBytes } from "node:crypto";
import pg from "pg";

/** Where test databases are created (README: TEST_POSTGRES_URL). */
export const ADMIN_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function onAdminDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function urlOf(name: string): string {
  const url = new URL(ADMIN_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A new PostgreSQL database of its own for one test file or server, empty or
 * a copy of `template`; `drop` removes it.
 */
export async function createPostgresDatabase(prefix: string, template?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  await onAdminDatabase((client) => client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`));
  return { url: urlOf(name), drop: () => onAdminDatabase((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined) };
}

/** Arbitrary constant: the advisory lock that lets one process of a run build a template while the others wait. */
const TEMPLATE_LOCK = 7_260_515;

/**
 * The database named `name`, built by `build(url)` (on a database of another
 * name, renamed when done) if it does not exist yet: the test files of a run
 * start together, and one builds it while the others wait for it. Nobody stays
 * connected to it, so CREATE DATABASE … TEMPLATE can copy it.
 */
export async function ensurePostgresTemplate(name: string, build: (url: string) => Promise<unknown>): Promise<string> {
  const exists = async (client: pg.Client) => (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
  await onAdminDatabase(async (client) => {
    if (await exists(client)) return;
    await client.query("SELECT pg_advisory_lock($1)", [TEMPLATE_LOCK]);
    try {
      if (await exists(client)) return;
      const building = `${name}_${process.pid}`;
      await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${building}"`);
      try {
        await build(urlOf(building));
        await client.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      } catch (error) {
        await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
        throw error;
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [TEMPLATE_LOCK]);
    }
  });
  return name;
}
