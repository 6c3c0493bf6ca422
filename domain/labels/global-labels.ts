import { Prisma } from "@/generated/prisma-sqlite/client";
import { badInput } from "@/domain/errors";
import { checkLabelKey, checkLabelValue, checkObjectLabels } from "./label-rules";

/**
 * Labels of global objects (application and formation templates): a JSON
 * object in a column of their own row, not rows of `Label`, which are per
 * tenant with per-tenant definitions. Each key and value has the rules of
 * every label, and the whole object the same bounds.
 */

export function validGlobalLabels(labels: Record<string, unknown> | null | undefined, field: string): Record<string, unknown> {
  const valid = labels ?? {};
  for (const [key, value] of Object.entries(valid)) {
    checkLabelKey(key, `${field}.${key}`);
    checkLabelValue(value, `${field}.${key}`, key);
  }
  checkObjectLabels(valid, field);
  return valid;
}

export interface GlobalLabelFilter {
  key: string;
  query?: string | null;
}

/** A page of global objects with labels (templates): Compass's first, after and label filter arguments. */
export interface GlobalLabelPageArgs {
  first: number;
  after?: string | null;
  filter?: readonly (GlobalLabelFilter | null | undefined)[] | null;
}

/**
 * Label filters on a `labels` JSON column: a key the object's labels hold.
 * Compass's JSON path queries are for the objects of tenants; a query here is
 * BAD_USER_INPUT rather than silently ignored.
 */
export function globalLabelFilterSql(
  filters: readonly (GlobalLabelFilter | null | undefined)[] | null | undefined,
  postgres: boolean,
  what: string,
): Prisma.Sql[] {
  return (filters ?? [])
    .filter((filter): filter is GlobalLabelFilter => filter != null)
    .map((filter, i) => {
      if (filter.query) throw badInput(`filter[${i}].query`, `${what} are filtered by label key only`);
      const key = checkLabelKey(filter.key, `filter[${i}].key`);
      return postgres ? Prisma.sql`("labels"::jsonb ? ${key})` : Prisma.sql`json_type("labels", ${`$."${key}"`}) IS NOT NULL`;
    });
}
