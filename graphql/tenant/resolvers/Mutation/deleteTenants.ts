import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { deleteTenants as remove } from "@/domain/tenants/tenant-mapping.service";

export const deleteTenants: NonNullable<MutationResolvers['deleteTenants']> = (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.tenantWrite, "deleting tenants");
  return remove(ctx.db, actor, args.in);
};
