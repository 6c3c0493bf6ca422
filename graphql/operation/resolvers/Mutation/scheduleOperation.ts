import type { MutationResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { rescheduleOperation } from "@/domain/operations/operation.service";
import { SCOPES } from "@/lib/scopes";

export const scheduleOperation: NonNullable<MutationResolvers['scheduleOperation']> = (_parent, { operationID, priority }, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.applicationWrite, "scheduling an operation");
  return rescheduleOperation(ctx.db, actor, operationID, priority ?? 100);
};
