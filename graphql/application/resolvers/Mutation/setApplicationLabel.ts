import { requireLabelWriter } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { setLabel } from "@/domain/labels/label.service";

export const setApplicationLabel: NonNullable<MutationResolvers['setApplicationLabel']> = async (_parent, { applicationID, key, value }, ctx) => {
  const actor = requireLabelWriter(ctx.principal, "APPLICATION", applicationID, SCOPES.applicationWrite, "setting an application's label");
  const tenant = await ctx.tenant.require("setting an application's label");
  return setLabel(ctx.db, actor, tenant.id, "APPLICATION", applicationID, key, value);
};
