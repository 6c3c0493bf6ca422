import type { QueryResolvers } from "@/graphql/types.generated";
import { SCOPES } from "@/lib/scopes";
import { requireOwnObject, requireScope } from "@/domain/principals/authorize";
import { listApplicationsByLocalTenantId } from "@/domain/tenant-objects/kinds/application-operations";

const doing = "listing applications by local tenant id";

export const applicationsByLocalTenantID: NonNullable<QueryResolvers['applicationsByLocalTenantID']> = async (_parent, { localTenantID, ...args }, ctx) => {
  requireOwnObject(requireScope(ctx.principal, SCOPES.applicationRead, doing), "APPLICATION", null, doing);
  return listApplicationsByLocalTenantId(ctx.db, await ctx.tenant.require(doing), localTenantID, args);
};
