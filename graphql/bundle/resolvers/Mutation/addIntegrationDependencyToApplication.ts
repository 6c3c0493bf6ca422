import type { MutationResolvers } from "@/graphql/types.generated";
import { INTEGRATION_DEPENDENCY } from "@/domain/tenant-objects/kinds/integration-dependency";
import { registerChildMutation } from "@/graphql/tenant-objects/resolvers";

export const addIntegrationDependencyToApplication: NonNullable<MutationResolvers['addIntegrationDependencyToApplication']> = registerChildMutation(INTEGRATION_DEPENDENCY, "appID");
