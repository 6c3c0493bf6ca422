import type { ApplicationResolvers } from "@/graphql/types.generated";
import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { objectFields, relationFields } from "@/graphql/tenant-objects/resolvers";
import type { EmptyPageMapper } from "@/graphql/bundle/schema.mappers";

/** What an application answers for a domain a later issue builds: nothing yet (the schema's descriptions say so). */
const emptyPage = (): EmptyPageMapper => ({ data: [], pageInfo: { startCursor: "", endCursor: "", hasNextPage: false }, totalCount: 0 });

export const Application: Pick<ApplicationResolvers, 'applicationNamespace'|'applicationTemplateID'|'auths'|'baseUrl'|'bundle'|'bundles'|'createdAt'|'deletedAt'|'description'|'error'|'eventingConfiguration'|'healthCheckURL'|'id'|'integrationDependencies'|'integrationSystem'|'integrationSystemID'|'labels'|'localTenantID'|'name'|'operations'|'providerName'|'status'|'systemNumber'|'systemStatus'|'tenant'|'updatedAt'> = {
  ...relationFields(APPLICATION),
  // Compass's read-only label of a managed application, kept in its own column.
  ...objectFields(APPLICATION, { withManager: true }),
  localTenantID: (app) => app.localTenantId,
  healthCheckURL: (app) => app.healthCheckUrl,
  applicationTemplateID: (app) => app.applicationTemplateId,
  status: (app) => app,
  operations: () => [],
  bundles: emptyPage,
  bundle: () => null,
  integrationDependencies: emptyPage,
  eventingConfiguration: (app, _args, ctx) => ctx.loaders.eventingByApplication.load(app),
};
