import type { MutationResolvers } from "@/graphql/types.generated";
import { generateClientCredentialsForIntegrationSystem } from "./generateClientCredentialsForIntegrationSystem";

// Compass's name: the same resolver, so the same arguments, rules, audit events and errors.
export const requestClientCredentialsForIntegrationSystem: NonNullable<MutationResolvers['requestClientCredentialsForIntegrationSystem']> =
  generateClientCredentialsForIntegrationSystem;
