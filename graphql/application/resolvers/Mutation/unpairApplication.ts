import type { MutationResolvers } from "@/graphql/types.generated";
import { SCOPES } from "@/lib/scopes";
import { requireScope } from "@/domain/principals/authorize";
import { unpairApplication as unpair } from "@/domain/tenant-objects/kinds/application-operations";

const doing = "unpairing an application";

export const unpairApplication: NonNullable<MutationResolvers['unpairApplication']> = async (_parent, { id }, ctx) =>
  unpair(ctx.db, requireScope(ctx.principal, SCOPES.applicationWrite, doing), await ctx.tenant.require(doing), id);
