import type { AuditEventResolvers } from "@/graphql/types.generated";

export const AuditEvent: AuditEventResolvers = {
  actor: (event) => event,
};
