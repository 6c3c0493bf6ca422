import type { QueryResolvers } from "@/graphql/types.generated";
import { SCOPES } from "@/lib/scopes";
import { requireOwnObject, requireScope } from "@/domain/principals/authorize";
import { findApplicationByLocalTenantIdAndTemplate } from "@/domain/tenant-objects/kinds/application-operations";

const doing = "reading an application by local tenant id and template";

// A look-up, like a list: an application's own token may not make it (its answer, null or FORBIDDEN, would tell it what others exist).
export const applicationByLocalTenantIDAndAppTemplateID: NonNullable<QueryResolvers['applicationByLocalTenantIDAndAppTemplateID']> = async (
  _parent,
  { localTenantID, applicationTemplateID },
  ctx,
) => {
  requireOwnObject(requireScope(ctx.principal, SCOPES.applicationRead, doing), "APPLICATION", null, doing);
  return findApplicationByLocalTenantIdAndTemplate(ctx.db, await ctx.tenant.require(doing), localTenantID, applicationTemplateID);
};
