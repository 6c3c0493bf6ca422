import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { writeTenants as write } from "@/domain/tenants/tenant-mapping.service";

export const writeTenants: NonNullable<MutationResolvers['writeTenants']> = (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.tenantWrite, "writing tenants");
  return write(ctx.db, actor, args.in);
};
