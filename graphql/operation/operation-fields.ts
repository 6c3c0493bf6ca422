import DataLoader from "dataloader";
import { operationsOfResources } from "@/domain/operations/operation.service";
import type { GraphQLContext } from "@/graphql/context";
import type { OperationMapper } from "./schema.mappers";

/** Per request, beside the context: a page of applications reads its operations in one query. */
const loaders = new WeakMap<GraphQLContext, DataLoader<string, OperationMapper[]>>();

/** `Application.operations`: its ORD aggregation operations (decision 0036). */
export const operationsField = (row: { id: string }, _args: unknown, ctx: GraphQLContext) => {
  let loader = loaders.get(ctx);
  if (!loader) loaders.set(ctx, (loader = new DataLoader((ids: readonly string[]) => operationsOfResources(ctx.db, ids))));
  return loader.load(row.id);
};
