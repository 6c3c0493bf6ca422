import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { QueryResolvers } from "@/graphql/types.generated";
import { findTenant } from "@/domain/tenants/tenant.service";

export const tenant: NonNullable<QueryResolvers['tenant']> = (_parent, { id }, ctx) => {
  requireScope(ctx.principal, SCOPES.tenantRead, "reading a tenant");
  return findTenant(ctx.db, id);
};
