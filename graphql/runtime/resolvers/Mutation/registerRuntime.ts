import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { registerRuntime as write } from "@/domain/runtimes/runtime.service";

export const registerRuntime: NonNullable<MutationResolvers['registerRuntime']> = async (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.runtimeWrite, "registering a runtime");
  return write(ctx.db, actor, await ctx.tenant.require("registering a runtime"), args.in);
};
