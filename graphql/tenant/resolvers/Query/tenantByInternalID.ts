import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { QueryResolvers } from "@/graphql/types.generated";
import { findTenantByInternalId } from "@/domain/tenants/tenant.service";

export const tenantByInternalID: NonNullable<QueryResolvers['tenantByInternalID']> = (_parent, { id }, ctx) => {
  requireScope(ctx.principal, SCOPES.tenantRead, "reading a tenant");
  return findTenantByInternalId(ctx.db, id);
};
