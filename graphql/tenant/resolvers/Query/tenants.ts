import { requireScope } from "../../../auth/authorize";
import { SCOPES } from "../../../auth/principal";
import type { QueryResolvers } from "./../../../types.generated";
import { listTenants } from "../../tenant.service";

export const tenants: NonNullable<QueryResolvers['tenants']> = (_parent, args, ctx) => {
  requireScope(ctx.principal, SCOPES.tenantRead, "listing tenants");
  return listTenants(ctx.db, args);
};
