import type { IntegrationDependencyResolvers } from "@/graphql/types.generated";
import type { StoredAspect } from "@/domain/tenant-objects/kinds/integration-dependency";
import { INTEGRATION_DEPENDENCY } from "@/domain/tenant-objects/kinds/integration-dependency";
import { objectFields } from "@/graphql/tenant-objects/resolvers";
import { versionOf } from "@/graphql/bundle/catalog-fields";

export const IntegrationDependency: IntegrationDependencyResolvers = {
  ordID: (row) => row.ordId,
  aspects: (row) => (row.aspects ? (JSON.parse(row.aspects) as StoredAspect[]) : null),
  version: versionOf,
  labels: objectFields(INTEGRATION_DEPENDENCY).labels,
  created_at: (row) => row.createdAt,
  updated_at: (row) => row.updatedAt,
  deleted_at: () => null,
  error: () => null,
};
