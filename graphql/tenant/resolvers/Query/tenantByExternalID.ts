import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { QueryResolvers } from "@/graphql/types.generated";
import { findTenantByExternalId } from "@/domain/tenants/tenant.service";

export const tenantByExternalID: NonNullable<QueryResolvers['tenantByExternalID']> = (_parent, { id }, ctx) => {
  requireScope(ctx.principal, SCOPES.tenantRead, "reading a tenant");
  return findTenantByExternalId(ctx.db, id);
};
