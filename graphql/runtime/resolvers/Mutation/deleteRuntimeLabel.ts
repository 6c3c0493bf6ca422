import { requireLabelWriter } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { deleteLabel } from "@/domain/labels/label.service";

export const deleteRuntimeLabel: NonNullable<MutationResolvers['deleteRuntimeLabel']> = async (_parent, { runtimeID, key }, ctx) => {
  const actor = requireLabelWriter(ctx.principal, "RUNTIME", runtimeID, SCOPES.runtimeWrite, "deleting a runtime's label");
  const tenant = await ctx.tenant.require("deleting a runtime's label");
  return deleteLabel(ctx.db, actor, tenant.id, "RUNTIME", runtimeID, key);
};
