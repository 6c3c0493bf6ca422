/**
 * Every statement the drivers run, Prisma's and the prepared reader's alike,
 * on either database: what the tests that hold a read to a constant number of
 * statements count (a deep page against an early one, a page of many objects
 * against a page of one). A test file calls `recordStatements()` once at its
 * top level, then wraps what it measures in `statementsOf`.
 */
import { after, before } from "node:test";
import Database from "better-sqlite3";
import pg from "pg";

export interface Statement {
  sql: string;
  values: unknown[];
  /** SQLite's query plan of the statement ("" on PostgreSQL). */
  explain: () => string;
}

let recording: Statement[] | null = null;

/** Wraps the drivers' statement methods for the test file's run, and restores them after. */
export function recordStatements(): void {
  const statementPrototype = Object.getPrototypeOf(new Database(":memory:").prepare("SELECT 1"));
  const originals = new Map<string, (...args: unknown[]) => unknown>();
  before(() => {
    // Prisma's adapter may bind the values first, then run the statement with none.
    const bound = new WeakMap<object, unknown[]>();
    const bind = statementPrototype.bind;
    originals.set("bind", bind);
    statementPrototype.bind = function (this: Database.Statement, ...values: unknown[]) {
      bound.set(this, values);
      return bind.apply(this, values);
    };
    for (const method of ["all", "get", "run", "iterate"] as const) {
      const original = statementPrototype[method];
      originals.set(method, original);
      statementPrototype[method] = function (this: Database.Statement, ...given: unknown[]) {
        if (recording) {
          const values = given.length ? given : (bound.get(this) ?? []);
          recording.push({
            sql: this.source,
            values,
            explain: () =>
              (this.database.prepare(`EXPLAIN QUERY PLAN ${this.source}`).all(...values) as { detail: string }[]).map((row) => row.detail).join("; "),
          });
        }
        return original.apply(this, given);
      };
    }
    const query = pg.Client.prototype.query;
    originals.set("pg", query as never);
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const [config] = args;
      const text = typeof config === "string" ? config : (config as { text?: string })?.text;
      if (recording && text) recording.push({ sql: text, values: [], explain: () => "" });
      return (query as (...args: unknown[]) => unknown).apply(this, args);
    } as typeof query;
  });
  after(() => {
    for (const [method, original] of originals) {
      if (method === "pg") pg.Client.prototype.query = original as never;
      else statementPrototype[method] = original;
    }
  });
}

/** The statements `fn` ran, in order. */
export async function statementsOf(fn: () => Promise<unknown>): Promise<Statement[]> {
  recording = [];
  try {
    await fn();
    return recording;
  } finally {
    recording = null;
  }
}
