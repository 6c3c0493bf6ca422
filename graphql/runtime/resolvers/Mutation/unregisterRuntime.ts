import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { unregisterRuntime as write } from "@/domain/runtimes/runtime.service";

export const unregisterRuntime: NonNullable<MutationResolvers['unregisterRuntime']> = async (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.runtimeWrite, "unregistering a runtime");
  return write(ctx.db, actor, await ctx.tenant.require("unregistering a runtime"), args.id);
};
