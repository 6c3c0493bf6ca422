import type { MutationResolvers } from "@/graphql/types.generated";
import { requireAdmin } from "@/domain/principals/authorize";
import { createCertificateSubjectMapping as create } from "@/domain/certificate-subject-mappings/certificate-subject-mapping.service";

export const createCertificateSubjectMapping: NonNullable<MutationResolvers['createCertificateSubjectMapping']> = (_parent, args, ctx) => {
  const actor = requireAdmin(ctx.principal, "creating a certificate subject mapping");
  return create(ctx.db, actor, args.in);
};
