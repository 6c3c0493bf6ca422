import type { QueryResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { findOperation } from "@/domain/operations/operation.service";
import { SCOPES } from "@/lib/scopes";

export const operation: NonNullable<QueryResolvers['operation']> = (_parent, { id }, ctx) => {
  requireScope(ctx.principal, SCOPES.applicationRead, "reading an operation");
  return findOperation(ctx.db, id);
};
