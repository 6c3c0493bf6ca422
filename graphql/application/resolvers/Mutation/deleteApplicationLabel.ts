import { requireLabelWriter } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { deleteLabel } from "@/domain/labels/label.service";

export const deleteApplicationLabel: NonNullable<MutationResolvers['deleteApplicationLabel']> = async (_parent, { applicationID, key }, ctx) => {
  const actor = requireLabelWriter(ctx.principal, "APPLICATION", applicationID, SCOPES.applicationWrite, "deleting an application's label");
  const tenant = await ctx.tenant.require("deleting an application's label");
  return deleteLabel(ctx.db, actor, tenant.id, "APPLICATION", applicationID, key);
};
