import type { MutationResolvers } from "@/graphql/types.generated";
import { createIntegrationSystem } from "./createIntegrationSystem";

// Compass's name: the same resolver, so the same rules, audit events and errors.
export const registerIntegrationSystem: NonNullable<MutationResolvers['registerIntegrationSystem']> = createIntegrationSystem;
