import type { APIDefinitionResolvers } from "@/graphql/types.generated";
import { specOf, versionOf } from "@/graphql/bundle/catalog-fields";

export const APIDefinition: APIDefinitionResolvers = {
  spec: specOf,
  targetURL: (row) => row.targetUrl,
  version: versionOf,
  created_at: (row) => row.createdAt,
  updated_at: (row) => row.updatedAt,
  deleted_at: () => null,
  error: () => null,
};
