import { requireAdmin } from "@/domain/principals/authorize";
import type { QueryResolvers } from "@/graphql/types.generated";
import { exportAuditEventsCsv } from "@/domain/audit/audit.service";

export const auditEventsCsv: NonNullable<QueryResolvers['auditEventsCsv']> = (_parent, args, ctx) => {
  requireAdmin(ctx.principal, "exporting the audit log");
  return exportAuditEventsCsv(ctx.db, args);
};
