import type { MutationResolvers } from "@/graphql/types.generated";
import { INTEGRATION_DEPENDENCY } from "@/domain/tenant-objects/kinds/integration-dependency";
import { unregisterMutation } from "@/graphql/tenant-objects/resolvers";

export const deleteIntegrationDependency: NonNullable<MutationResolvers['deleteIntegrationDependency']> = unregisterMutation(INTEGRATION_DEPENDENCY);
