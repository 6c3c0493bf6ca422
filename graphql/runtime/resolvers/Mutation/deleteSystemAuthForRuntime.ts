import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { deleteObjectCredential } from "@/domain/credentials/object-credentials.service";

export const deleteSystemAuthForRuntime: NonNullable<MutationResolvers['deleteSystemAuthForRuntime']> = async (_parent, { authID }, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.runtimeWrite, "deleting a client credential of a runtime");
  return deleteObjectCredential(ctx.db, actor, await ctx.tenant.require("deleting a client credential of a runtime"), "RUNTIME", authID);
};
