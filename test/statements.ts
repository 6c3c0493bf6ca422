/**
 * Every statement a piece of work sends, recorded at the drivers themselves
 * (better-sqlite3's statements, node-postgres' client queries), so Prisma's
 * model calls, its raw queries and the prepared reader's reads all count, on
 * either database. For the tests that hold a read to a constant number of
 * statements (a deep page against an early one, a page of many parents
 * against a page of few: no N+1), and for bench:api's costs.
 */
import { createRequire } from "node:module";
import pg from "pg";

const require = createRequire(import.meta.url);

export interface Statement {
  sql: string;
  values: unknown[];
  /** SQLite's query plan of the statement ("" on PostgreSQL). */
  explain: () => string;
}

interface SqliteStatement {
  source: string;
  database: { prepare(sql: string): { all(...values: unknown[]): unknown[] } };
}

/** Every copy of better-sqlite3 the process may load: the adapter's own, and the top-level one if there is one. */
function sqliteStatementPrototypes(): Record<string, unknown>[] {
  const prototypes = new Set<Record<string, unknown>>();
  for (const from of [require.resolve("@prisma/adapter-better-sqlite3"), import.meta.url]) {
    try {
      const Database = createRequire(from)("better-sqlite3") as new (file: string) => { prepare(sql: string): object; close(): void };
      const probe = new Database(":memory:");
      prototypes.add(Object.getPrototypeOf(probe.prepare("SELECT 1")));
      probe.close();
    } catch {
      // Not installed at that level.
    }
  }
  return [...prototypes];
}

const EXECUTING = ["all", "get", "run", "iterate"] as const;

/**
 * A statement about who is calling rather than what they asked for: the API token and its user, the
 * tenant header's look-up and its "wider" check. Each is cached for a short freshness window and its
 * lastUsedAt written in batches, so whether one lands in a measured request depends on the clock;
 * a test comparing two requests' statements leaves them out. Prisma quotes names with backticks on
 * SQLite and double quotes on PostgreSQL; the prepared reader, double quotes on both.
 */
export const isCallerResolution = (sql: string) => /[`"](ApiToken|User|Tenant)[`"]/.test(sql) || /AS "wider"/.test(sql);

/**
 * What `work` answers, and every statement it sent, in order. The drivers'
 * methods are wrapped for the call only, and restored after.
 */
export async function recordStatements<T>(work: () => Promise<T>): Promise<{ answer: T; statements: Statement[] }> {
  const statements: Statement[] = [];
  const restore: (() => void)[] = [];
  const wrap = (target: Record<string, unknown>, name: string, record: (self: unknown, args: unknown[]) => void) => {
    const original = target[name] as (...args: unknown[]) => unknown;
    if (typeof original !== "function") return;
    target[name] = function (this: unknown, ...args: unknown[]) {
      record(this, args);
      return original.apply(this, args);
    };
    restore.push(() => {
      target[name] = original;
    });
  };
  for (const prototype of sqliteStatementPrototypes()) {
    // Prisma's adapter may bind the values first, then run the statement with none.
    const bound = new WeakMap<object, unknown[]>();
    wrap(prototype, "bind", (self, values) => bound.set(self as object, values));
    for (const method of EXECUTING) {
      wrap(prototype, method, (self, given) => {
        const statement = self as SqliteStatement;
        const values = given.length ? given : (bound.get(statement) ?? []);
        statements.push({
          sql: statement.source,
          values,
          explain: () =>
            (statement.database.prepare(`EXPLAIN QUERY PLAN ${statement.source}`).all(...values) as { detail: string }[]).map((row) => row.detail).join("; "),
        });
      });
    }
  }
  wrap(pg.Client.prototype as unknown as Record<string, unknown>, "query", (_self, [config]) => {
    const text = typeof config === "string" ? config : (config as { text?: string } | undefined)?.text;
    if (text) statements.push({ sql: text, values: [], explain: () => "" });
  });
  try {
    return { answer: await work(), statements };
  } finally {
    for (const undo of restore.reverse()) undo();
  }
}

/** The statements `fn` ran, in order. */
export async function statementsOf(fn: () => Promise<unknown>): Promise<Statement[]> {
  return (await recordStatements(fn)).statements;
}

/** What `work` answers, and how many statements it sent to either database for it (the caller's resolution aside: isCallerResolution). */
export async function countStatements<T>(work: () => Promise<T>): Promise<{ answer: T; statements: number; sql: string[] }> {
  const { answer, statements } = await recordStatements(work);
  const sql = statements
    .map((statement) => statement.sql)
    .filter((text) => !isCallerResolution(text))
    .map((text) => text.replace(/\s+/g, " ").slice(0, 160));
  return { answer, statements: sql.length, sql };
}
