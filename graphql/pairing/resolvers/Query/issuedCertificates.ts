import type { QueryResolvers } from "@/graphql/types.generated";
import { requireAdmin } from "@/domain/principals/authorize";
import { issuedCertificatesOf } from "@/domain/pairing/connector.service";

export const issuedCertificates: NonNullable<QueryResolvers['issuedCertificates']> = (_parent, args, ctx) => {
  requireAdmin(ctx.principal, "listing issued client certificates");
  return issuedCertificatesOf(ctx.db, args.objectID);
};
