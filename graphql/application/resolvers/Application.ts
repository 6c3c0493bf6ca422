import { notFound } from "@/domain/errors";
import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { ApplicationResolvers } from "@/graphql/types.generated";
import { labelsAnswer } from "@/graphql/label/labels-field";

export const Application: ApplicationResolvers = {
  // Related objects need their own read scope, as they do at the top level.
  tenant: async (application, _args, ctx) => {
    requireScope(ctx.principal, SCOPES.tenantRead, "reading an application's tenant");
    const tenant = await ctx.loaders.tenantById.load(application.tenantId);
    // Only if the tenant went away between reading the application and this field: both are gone by now.
    if (!tenant) throw notFound("tenant", application.tenantId, `reading the tenant of application "${application.name}"`);
    return tenant;
  },
  integrationSystem: (application, _args, ctx) => {
    if (!application.integrationSystemId) return null;
    requireScope(ctx.principal, SCOPES.integrationSystemRead, "reading an application's integration system");
    return ctx.loaders.integrationSystemById.load(application.integrationSystemId);
  },
  integrationSystemID: (application) => application.integrationSystemId,
  // Compass's read-only label of a managed application, kept in its own column.
  labels: async (application, { key }, ctx) => {
    const labels = await ctx.loaders.labelsByObjectId.load(application.id);
    const all = application.integrationSystemId ? { ...labels, integrationSystemID: application.integrationSystemId } : labels;
    return labelsAnswer(all, key);
  },
  // Anyone who may read the application sees its credentials' ids; their data is sanitized (AppSystemAuth.auth).
  auths: (application, _args, ctx) => ctx.loaders.appAuthsById.load(application.id),
};
