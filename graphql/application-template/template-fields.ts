import DataLoader from "dataloader";
import { applicationCounts } from "@/domain/application-templates/application-template.service";
import type { Placeholder } from "@/domain/application-templates/placeholders";
import type { GraphQLContext } from "@/graphql/context";
import type { ApplicationTemplateMapper as TemplateRow } from "./schema.mappers";

/** Per request, beside the context: a page of templates counts its applications in one read. */
const counters = new WeakMap<GraphQLContext, DataLoader<string, number>>();

export const applicationsCountField = (row: TemplateRow, _args: unknown, ctx: GraphQLContext) => {
  let loader = counters.get(ctx);
  if (!loader) counters.set(ctx, (loader = new DataLoader((ids: readonly string[]) => applicationCounts(ctx.db, ids))));
  return loader.load(row.id);
};

export const placeholdersField = (row: TemplateRow) => JSON.parse(row.placeholders) as Placeholder[];

/** `labels(key)`: all of them, or only the one under `key` (null when it has none). */
export const labelsField = (row: { labels: string }, { key }: { key?: string | null }) => {
  const labels = JSON.parse(row.labels) as Record<string, unknown>;
  if (key === undefined || key === null) return labels;
  return Object.hasOwn(labels, key) ? { [key]: labels[key] } : null;
};
