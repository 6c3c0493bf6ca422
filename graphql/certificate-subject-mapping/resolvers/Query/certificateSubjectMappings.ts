import type { QueryResolvers } from "@/graphql/types.generated";
import { requireAdmin } from "@/domain/principals/authorize";
import { listCertificateSubjectMappings } from "@/domain/certificate-subject-mappings/certificate-subject-mapping.service";

export const certificateSubjectMappings: NonNullable<QueryResolvers['certificateSubjectMappings']> = (_parent, args, ctx) => {
  requireAdmin(ctx.principal, "listing certificate subject mappings");
  return listCertificateSubjectMappings(ctx.db, { first: args.first ?? 200, after: args.after });
};
