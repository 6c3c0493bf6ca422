import { operationsField } from "@/graphql/operation/operation-fields";
import type { ApplicationResolvers } from "@/graphql/types.generated";
import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { objectFields, relationFields } from "@/graphql/tenant-objects/resolvers";

export const Application: Pick<ApplicationResolvers, 'applicationNamespace'|'applicationTemplateID'|'auths'|'baseUrl'|'createdAt'|'deletedAt'|'description'|'error'|'eventingConfiguration'|'healthCheckURL'|'id'|'integrationSystem'|'integrationSystemID'|'labels'|'localTenantID'|'name'|'operations'|'providerName'|'status'|'systemNumber'|'systemStatus'|'tenant'|'updatedAt'> = {
  ...relationFields(APPLICATION),
  // Compass's read-only label of a managed application, kept in its own column.
  ...objectFields(APPLICATION, { withManager: true }),
  localTenantID: (app) => app.localTenantId,
  healthCheckURL: (app) => app.healthCheckUrl,
  applicationTemplateID: (app) => app.applicationTemplateId,
  status: (app) => app,
  operations: operationsField,
  eventingConfiguration: (app, _args, ctx) => ctx.loaders.eventingByApplication.load(app),
};
