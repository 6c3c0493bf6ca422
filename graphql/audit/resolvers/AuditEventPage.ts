import type { AuditEventPageResolvers } from "@/graphql/types.generated";
import { pageFields } from "@/graphql/base/page-fields";

export const AuditEventPage: AuditEventPageResolvers = pageFields;
