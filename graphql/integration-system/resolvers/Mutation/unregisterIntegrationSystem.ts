import type { MutationResolvers } from "@/graphql/types.generated";
import { deleteIntegrationSystem } from "./deleteIntegrationSystem";

// Compass's name: the same resolver, so the same rules, audit events and errors.
export const unregisterIntegrationSystem: NonNullable<MutationResolvers['unregisterIntegrationSystem']> = deleteIntegrationSystem;
