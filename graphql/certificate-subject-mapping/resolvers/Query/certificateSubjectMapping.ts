import type { QueryResolvers } from "@/graphql/types.generated";
import { requireAdmin } from "@/domain/principals/authorize";
import { getCertificateSubjectMapping } from "@/domain/certificate-subject-mappings/certificate-subject-mapping.service";

export const certificateSubjectMapping: NonNullable<QueryResolvers['certificateSubjectMapping']> = (_parent, { id }, ctx) => {
  requireAdmin(ctx.principal, "reading a certificate subject mapping");
  return getCertificateSubjectMapping(ctx.db, id);
};
