import { requireLabelWriter } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { setLabel } from "@/domain/labels/label.service";

export const setRuntimeLabel: NonNullable<MutationResolvers['setRuntimeLabel']> = async (_parent, { runtimeID, key, value }, ctx) => {
  const actor = requireLabelWriter(ctx.principal, "RUNTIME", runtimeID, SCOPES.runtimeWrite, "setting a runtime's label");
  const tenant = await ctx.tenant.require("setting a runtime's label");
  return setLabel(ctx.db, actor, tenant.id, "RUNTIME", runtimeID, key, value);
};
