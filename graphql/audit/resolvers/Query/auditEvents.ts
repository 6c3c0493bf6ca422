import { requireUser } from "../../../auth/authorize";
import type { QueryResolvers } from "../../../types.generated";
import { listAuditEvents } from "../../audit.service";

// Reading is open to every user: VIEWERs read everything but secrets (DESIGN.md).
export const auditEvents: NonNullable<QueryResolvers['auditEvents']> = (_parent, args, ctx) => {
  requireUser(ctx.principal, "reading the audit log");
  return listAuditEvents(ctx.db, args);
};
