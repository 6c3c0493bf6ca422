import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { updateRuntime as write } from "@/domain/runtimes/runtime.service";

export const updateRuntime: NonNullable<MutationResolvers['updateRuntime']> = async (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.runtimeWrite, "updating a runtime");
  return write(ctx.db, actor, await ctx.tenant.require("updating a runtime"), args.id, args.in);
};
