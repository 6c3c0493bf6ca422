import { requireOwnObject, requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { QueryResolvers } from "@/graphql/types.generated";
import { listRuntimes } from "@/domain/runtimes/runtime.service";

export const runtimes: NonNullable<QueryResolvers['runtimes']> = async (_parent, args, ctx) => {
  const principal = requireScope(ctx.principal, SCOPES.runtimeRead, "listing runtimes");
  requireOwnObject(principal, "RUNTIME", null, "listing runtimes");
  return listRuntimes(ctx.db, await ctx.tenant.require("listing runtimes"), args);
};
