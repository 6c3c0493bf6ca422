import { Prisma } from "@/generated/prisma-sqlite/client";
import { UNSTORABLE_TEXT_MESSAGE, isStorableText } from "@/lib/text";
import { badInput } from "@/domain/errors";
import { type LabelObjectType, checkLabelKey } from "./label-rules";

/**
 * Compass's label filters: `{ key }` keeps objects that have the label;
 * `{ key, query }` those whose value matches `query`, in the subset of
 * SQL/JSON path Compass documents:
 *
 *   $[*] ? (@ == "v")    the value is an array holding the string "v"
 *   $ ? (@ == "v")       the value is the string "v"
 *   term || term ...     any of the terms
 *   "v"                  the value is the string "v" (as a term alone)
 *
 * Each filter becomes an EXISTS probe on the label table's (objectId, key)
 * index inside the list's keyset query, so pages stay keyset and filters
 * combine with AND. Anything else is BAD_USER_INPUT on `filter`: a query
 * is never dropped or widened. Both providers answer the same by test
 * (test/labels.api.test.ts); only the JSON functions differ.
 */
export interface LabelFilterInput {
  key: string;
  query?: string | null;
}

type Term = { array: boolean; value: string };

const MAX_FILTERS = 20;
const MAX_TERMS = 50;
const TERM = /^\s*\$(\[\*\])?\s*\?\s*\(\s*@\s*==\s*("(?:[^"\\\u0000-\u001f]|\\.)*")\s*\)\s*/;

function refused(index: number, query: string, why: string) {
  return badInput(
    "filter",
    `filter[${index}].query "${query.slice(0, 100)}" is not supported (${why}): use $[*] ? (@ == "value") for an array holding a value, $ ? (@ == "value") for equality, joined by ||`,
  );
}

/** A bare JSON string literal, `"v"`: Compass's documents send it for equality (query-applications-by-local-tenant-id). */
const LITERAL = /^\s*("(?:[^"\\\u0000-\u001f]|\\.)*")\s*$/;

/** The terms of a query; BAD_USER_INPUT on `filter` for anything outside the subset. */
function parseLabelQuery(query: string, index = 0): Term[] {
  const literal = LITERAL.exec(query);
  if (literal) return parseLabelQuery(`$ ? (@ == ${literal[1]})`, index);
  const terms: Term[] = [];
  let rest = query;
  for (;;) {
    const match = TERM.exec(rest);
    if (!match) throw refused(index, query, terms.length === 0 ? "expected a term" : "expected a term after ||");
    let value: unknown;
    try {
      value = JSON.parse(match[2]);
    } catch {
      throw refused(index, query, "the string literal is malformed");
    }
    // An escape (\u0000) can spell what no database stores: refused like any other such text.
    if (!isStorableText(value as string)) throw refused(index, query, UNSTORABLE_TEXT_MESSAGE.toLowerCase());
    terms.push({ array: match[1] !== undefined, value: value as string });
    if (terms.length > MAX_TERMS) throw refused(index, query, `more than ${MAX_TERMS} terms`);
    rest = rest.slice(match[0].length);
    if (rest === "") return terms;
    if (!rest.startsWith("||")) throw refused(index, query, "only || may join terms");
    rest = rest.slice(2);
  }
}

/** One term against the label's value column `l."value"`. */
function termSql(term: Term, postgres: boolean): Prisma.Sql {
  if (postgres) {
    return term.array
      ? Prisma.sql`(CASE WHEN jsonb_typeof(l."value") = 'array' THEN EXISTS (SELECT 1 FROM jsonb_array_elements(l."value") AS e(v) WHERE e.v = to_jsonb(${term.value}::text)) ELSE false END)`
      : Prisma.sql`l."value" = to_jsonb(${term.value}::text)`;
  }
  return term.array
    ? Prisma.sql`(json_type(l."value") = 'array' AND EXISTS (SELECT 1 FROM json_each(l."value") AS e WHERE e.type = 'text' AND e.value = ${term.value}))`
    : Prisma.sql`(json_type(l."value") = 'text' AND json_extract(l."value", '$') = ${term.value})`;
}

/** The managed application's read-only label, kept in its own column rather than the label table. */
function integrationSystemSql(terms: Term[] | null): Prisma.Sql {
  if (!terms) return Prisma.sql`"integrationSystemId" IS NOT NULL`;
  // The label's value is a string, so array terms never match it.
  const equal = terms.filter((term) => !term.array).map((term) => term.value);
  return equal.length ? Prisma.sql`"integrationSystemId" IN (${Prisma.join(equal)})` : Prisma.sql`1 = 0`;
}

/**
 * The filters as one SQL condition on rows of `table` (the objects' table,
 * whose "id" the probes correlate with); `1 = 1` without filters.
 */
export function labelFiltersSql(
  filters: readonly LabelFilterInput[] | null | undefined,
  objectType: LabelObjectType,
  table: "Application" | "Runtime",
  postgres: boolean,
): Prisma.Sql {
  if (!filters || filters.length === 0) return Prisma.sql`1 = 1`;
  if (filters.length > MAX_FILTERS) throw badInput("filter", `At most ${MAX_FILTERS} label filters`);
  const objectId = Prisma.raw(`"${table}"."id"`);
  const conditions = filters.map((filter, index) => {
    const key = checkLabelKey(filter.key, "filter");
    const query = filter.query?.trim() ? filter.query : null;
    const terms = query === null ? null : parseLabelQuery(query, index);
    if (objectType === "APPLICATION" && key === "integrationSystemID") return integrationSystemSql(terms);
    const matches = terms
      ? Prisma.sql` AND (${Prisma.join(
          terms.map((term) => termSql(term, postgres)),
          " OR ",
        )})`
      : Prisma.empty;
    return Prisma.sql`EXISTS (SELECT 1 FROM "Label" l WHERE l."objectId" = ${objectId} AND l."key" = ${key}${matches})`;
  });
  return Prisma.join(conditions, " AND ");
}
