import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { updateApplication as update } from "@/domain/applications/application.service";

export const updateApplication: NonNullable<MutationResolvers['updateApplication']> = async (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.applicationWrite, "updating an application");
  return update(ctx.db, actor, await ctx.tenant.require("updating an application"), args.id, args.in);
};
