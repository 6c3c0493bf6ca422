import type { IntegrationDependencyPageResolvers } from "@/graphql/types.generated";
import { pageFields } from "@/graphql/base/page-fields";

export const IntegrationDependencyPage: IntegrationDependencyPageResolvers = pageFields;
