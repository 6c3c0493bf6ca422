import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { deleteSystemAuth } from "@/domain/credentials/system-auth.service";
import { exactlyOne } from "@/graphql/integration-system/arguments";

export const deleteSystemAuthForIntegrationSystem: NonNullable<MutationResolvers['deleteSystemAuthForIntegrationSystem']> = (_parent, { id, authID }, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.integrationSystemWrite, "revoking a client credential");
  // The seed names it `id`, Compass `authID`.
  return deleteSystemAuth(ctx.db, actor, exactlyOne({ id, authID }));
};
