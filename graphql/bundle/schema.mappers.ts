/**
 * The pages an application answers for domains a later issue builds (bundles,
 * integration dependencies): always empty until then (graphql/bundle/schema.graphql).
 */
export interface EmptyPageMapper {
  data: never[];
  pageInfo: { startCursor: string; endCursor: string; hasNextPage: false };
  totalCount: 0;
}
export type BundlePageMapper = EmptyPageMapper;
export type IntegrationDependencyPageMapper = EmptyPageMapper;
