import { requireOwnObject, requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { QueryResolvers } from "@/graphql/types.generated";
import { findRuntime } from "@/domain/runtimes/runtime.service";

export const runtime: NonNullable<QueryResolvers['runtime']> = async (_parent, { id }, ctx) => {
  const principal = requireScope(ctx.principal, SCOPES.runtimeRead, "reading a runtime");
  requireOwnObject(principal, "RUNTIME", id, "reading a runtime");
  return findRuntime(ctx.db, await ctx.tenant.require("reading a runtime"), id);
};
