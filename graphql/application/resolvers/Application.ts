import type { ApplicationResolvers } from "@/graphql/types.generated";
import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { objectFields, relationFields } from "@/graphql/tenant-objects/resolvers";

export const Application: Pick<ApplicationResolvers, 'auths'|'createdAt'|'description'|'id'|'integrationSystem'|'integrationSystemID'|'labels'|'name'|'tenant'|'updatedAt'> = {
  ...relationFields(APPLICATION),
  // Compass's read-only label of a managed application, kept in its own column.
  ...objectFields(APPLICATION, { withManager: true }),
};
