import type { AuditEventPageResolvers } from "../../types.generated";

export const AuditEventPage: AuditEventPageResolvers = {
  data: (page) => page.rows,
  totalCount: (page) => page.countTotal(),
};
