import type { AuditEventPageResolvers } from "@/graphql/types.generated";

export const AuditEventPage: AuditEventPageResolvers = {
  data: (page) => page.rows,
  totalCount: (page) => page.countTotal(),
};
