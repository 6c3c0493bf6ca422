import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { confirmSecretStored } from "@/domain/credentials/system-auth.service";

export const confirmSystemAuthSecretStored: NonNullable<MutationResolvers['confirmSystemAuthSecretStored']> = (_parent, { id }, ctx) => {
  // The right that generates and revokes credentials: confirming is part of generating.
  requireScope(ctx.principal, SCOPES.integrationSystemWrite, "confirming a credential's secret is stored");
  return confirmSecretStored(ctx.db, id);
};
