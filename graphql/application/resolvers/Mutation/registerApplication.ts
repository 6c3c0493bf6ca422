import { requireScope } from "../../../auth/authorize";
import { SCOPES } from "../../../auth/principal";
import type { MutationResolvers } from "./../../../types.generated";
import { registerApplication as register } from "../../application.service";

export const registerApplication: NonNullable<MutationResolvers['registerApplication']> = async (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.applicationWrite, "registering an application");
  return register(ctx.db, actor, await ctx.tenant.require("registering an application"), args.in);
};
