import { requireAdmin } from "@/domain/principals/authorize";
import type { QueryResolvers } from "@/graphql/types.generated";
import { listAuditEvents } from "@/domain/audit/audit.service";

// The audit log is for admins (the foundation issue says so explicitly).
export const auditEvents: NonNullable<QueryResolvers['auditEvents']> = (_parent, args, ctx) => {
  requireAdmin(ctx.principal, "reading the audit log");
  return listAuditEvents(ctx.db, args);
};
