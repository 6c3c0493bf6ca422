import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { deleteObjectCredential } from "@/domain/credentials/object-credentials.service";

export const deleteSystemAuthForApplication: NonNullable<MutationResolvers['deleteSystemAuthForApplication']> = async (_parent, { authID }, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.applicationWrite, "deleting a client credential of an application");
  return deleteObjectCredential(ctx.db, actor, await ctx.tenant.require("deleting a client credential of an application"), "APPLICATION", authID);
};
