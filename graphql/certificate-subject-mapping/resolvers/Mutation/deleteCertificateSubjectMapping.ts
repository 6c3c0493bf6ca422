import type { MutationResolvers } from "@/graphql/types.generated";
import { requireAdmin } from "@/domain/principals/authorize";
import { deleteCertificateSubjectMapping as remove } from "@/domain/certificate-subject-mappings/certificate-subject-mapping.service";

export const deleteCertificateSubjectMapping: NonNullable<MutationResolvers['deleteCertificateSubjectMapping']> = (_parent, args, ctx) => {
  const actor = requireAdmin(ctx.principal, "deleting a certificate subject mapping");
  return remove(ctx.db, actor, args.id);
};
