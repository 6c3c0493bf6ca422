import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { registerApplication as register } from "@/domain/applications/application.service";

export const registerApplication: NonNullable<MutationResolvers['registerApplication']> = async (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.applicationWrite, "registering an application");
  return register(ctx.db, actor, await ctx.tenant.require("registering an application"), args.in);
};
