import type { QueryResolvers } from "@/graphql/types.generated";
import { SCOPES } from "@/lib/scopes";
import { requireOwnObject, requireScope } from "@/domain/principals/authorize";
import { findApplicationByLocalTenantIdAndTemplate } from "@/domain/tenant-objects/kinds/application-operations";

const doing = "reading an application by local tenant id and template";

export const applicationByLocalTenantIDAndAppTemplateID: NonNullable<QueryResolvers['applicationByLocalTenantIDAndAppTemplateID']> = async (
  _parent,
  { localTenantID, applicationTemplateID },
  ctx,
) => {
  const principal = requireScope(ctx.principal, SCOPES.applicationRead, doing);
  const app = await findApplicationByLocalTenantIdAndTemplate(ctx.db, await ctx.tenant.require(doing), localTenantID, applicationTemplateID);
  // An application calling as itself reads only itself, as with application(id).
  if (app) requireOwnObject(principal, "APPLICATION", app.id, doing);
  return app;
};
