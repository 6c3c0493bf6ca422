import { requireScope } from "../../../auth/authorize";
import { SCOPES } from "../../../auth/principal";
import type { MutationResolvers } from "../../../types.generated";
import { deleteSystemAuth } from "../../system-auth.service";

export const deleteSystemAuthForIntegrationSystem: NonNullable<MutationResolvers['deleteSystemAuthForIntegrationSystem']> = (
  _parent,
  { id },
  ctx,
) => {
  const actor = requireScope(ctx.principal, SCOPES.integrationSystemWrite, "deleting a client credential");
  return deleteSystemAuth(ctx.db, actor, id);
};
