import type { MutationResolvers } from "@/graphql/types.generated";
import { requireScope } from "@/domain/principals/authorize";
import { resynchronizeFormation } from "@/domain/formations/formation.service";
import { SCOPES } from "@/lib/scopes";

export const resynchronizeFormationNotifications: NonNullable<MutationResolvers['resynchronizeFormationNotifications']> = async (_parent, args, ctx) => {
  const doing = "resynchronizing a formation";
  requireScope(ctx.principal, SCOPES.formationWrite, doing);
  return resynchronizeFormation(ctx.db, await ctx.tenant.require(doing), args.formationID, args.reset ?? false);
};
