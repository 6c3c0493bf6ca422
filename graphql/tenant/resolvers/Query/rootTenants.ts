import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { QueryResolvers } from "@/graphql/types.generated";
import { rootTenants as roots } from "@/domain/tenants/tenant-mapping.service";

export const rootTenants: NonNullable<QueryResolvers['rootTenants']> = (_parent, { externalTenant }, ctx) => {
  requireScope(ctx.principal, SCOPES.tenantRead, "reading root tenants");
  return roots(ctx.db, externalTenant);
};
