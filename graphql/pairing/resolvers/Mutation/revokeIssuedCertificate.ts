import type { MutationResolvers } from "@/graphql/types.generated";
import { requireAdmin } from "@/domain/principals/authorize";
import { revokeIssuedCertificate as revoke } from "@/domain/pairing/connector.service";

export const revokeIssuedCertificate: NonNullable<MutationResolvers['revokeIssuedCertificate']> = (_parent, args, ctx) => {
  const actor = requireAdmin(ctx.principal, "revoking a client certificate");
  return revoke(ctx.db, actor, args.serial);
};
