import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { QueryResolvers } from "@/graphql/types.generated";
import { listTenants } from "@/domain/tenants/tenant.service";

export const tenants: NonNullable<QueryResolvers['tenants']> = (_parent, args, ctx) => {
  requireScope(ctx.principal, SCOPES.tenantRead, "listing tenants");
  return listTenants(ctx.db, args);
};
