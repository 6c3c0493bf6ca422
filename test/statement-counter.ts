/**
 * Counts the SQL statements a piece of work sends, at the drivers
 * themselves (better-sqlite3's statements, node-postgres' client queries), so
 * Prisma's model calls, its raw queries and the prepared reads all count.
 * For the tests that prove a page of many parents costs what a page of few
 * does (no N+1).
 */
import { createRequire } from "node:module";
import pg from "pg";

const require = createRequire(import.meta.url);

/** Every copy of better-sqlite3 the process may load: the adapter's own, and the top-level one if there is one. */
function sqliteStatementPrototypes(): object[] {
  const prototypes = new Set<object>();
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

/** What `work` answers, and how many statements it sent to either database for it (the caller's resolution aside: isCallerResolution). */
export async function countStatements<T>(work: () => Promise<T>): Promise<{ answer: T; statements: number; sql: string[] }> {
  let statements = 0;
  const sql: string[] = [];
  const restore: (() => void)[] = [];
  const wrap = (target: Record<string, unknown>, name: string) => {
    const original = target[name] as (...args: unknown[]) => unknown;
    if (typeof original !== "function") return;
    target[name] = function (this: { source?: string }, ...args: unknown[]) {
      const text = this.source ?? (typeof args[0] === "string" ? args[0] : (args[0] as { text?: string } | undefined)?.text);
      if (isCallerResolution(String(text ?? ""))) return original.apply(this, args);
      statements++;
      sql.push(
        String(text ?? "?")
          .replace(/\s+/g, " ")
          .slice(0, 160),
      );
      return original.apply(this, args);
    };
    restore.push(() => {
      target[name] = original;
    });
  };
  for (const prototype of sqliteStatementPrototypes()) for (const name of EXECUTING) wrap(prototype as Record<string, unknown>, name);
  wrap(pg.Client.prototype as unknown as Record<string, unknown>, "query");
  try {
    return { answer: await work(), statements, sql };
  } finally {
    for (const undo of restore.reverse()) undo();
  }
}
