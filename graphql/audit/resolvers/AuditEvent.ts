import type { AuditEventResolvers } from "../../types.generated";

export const AuditEvent: AuditEventResolvers = {
  actor: (event) => event,
};
