import { requireScope } from "../../../auth/authorize";
import { SCOPES } from "../../../auth/principal";
import type { QueryResolvers } from "./../../../types.generated";
import { findTenant } from "../../tenant.service";

export const tenant: NonNullable<QueryResolvers['tenant']> = (_parent, { id }, ctx) => {
  requireScope(ctx.principal, SCOPES.tenantRead, "reading a tenant");
  return findTenant(ctx.db, id);
};
