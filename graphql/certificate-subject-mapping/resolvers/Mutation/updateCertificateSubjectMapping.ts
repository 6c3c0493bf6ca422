import type { MutationResolvers } from "@/graphql/types.generated";
import { requireAdmin } from "@/domain/principals/authorize";
import { updateCertificateSubjectMapping as update } from "@/domain/certificate-subject-mappings/certificate-subject-mapping.service";

export const updateCertificateSubjectMapping: NonNullable<MutationResolvers['updateCertificateSubjectMapping']> = (_parent, args, ctx) => {
  const actor = requireAdmin(ctx.principal, "updating a certificate subject mapping");
  return update(ctx.db, actor, args.id, args.in);
};
