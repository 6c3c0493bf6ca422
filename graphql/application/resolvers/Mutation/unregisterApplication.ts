import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { unregisterApplication as unregister } from "@/domain/applications/application.service";

export const unregisterApplication: NonNullable<MutationResolvers['unregisterApplication']> = async (_parent, { id }, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.applicationWrite, "unregistering an application");
  return unregister(ctx.db, actor, await ctx.tenant.require("unregistering an application"), id);
};
