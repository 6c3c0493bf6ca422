import type { AuditActorResolvers } from "@/graphql/types.generated";

export const AuditActor: AuditActorResolvers = {
  type: (event) => event.actorType as "USER" | "INTEGRATION_SYSTEM" | "SYSTEM" | "APPLICATION" | "RUNTIME",
  id: (event) => event.actorId,
  label: (event) => event.actorLabel,
  authMethod: (event) => event.authMethod,
};
