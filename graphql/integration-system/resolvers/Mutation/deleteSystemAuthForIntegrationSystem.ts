import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "../../../types.generated";
import { deleteSystemAuth } from "@/domain/credentials/system-auth.service";

export const deleteSystemAuthForIntegrationSystem: NonNullable<MutationResolvers['deleteSystemAuthForIntegrationSystem']> = (
  _parent,
  { id },
  ctx,
) => {
  const actor = requireScope(ctx.principal, SCOPES.integrationSystemWrite, "deleting a client credential");
  return deleteSystemAuth(ctx.db, actor, id);
};
