import { requireAdmin } from "@/domain/principals/authorize";
import type { MutationResolvers } from "../../../types.generated";
import { generateClientCredentials } from "@/domain/credentials/system-auth.service";

export const generateClientCredentialsForIntegrationSystem: NonNullable<MutationResolvers['generateClientCredentialsForIntegrationSystem']> = (
  _parent,
  { id, expiresInDays, scopes },
  ctx,
) => {
  const actor = requireAdmin(ctx.principal, "generating client credentials");
  return generateClientCredentials(ctx.db, actor, id, { expiresInDays, scopes });
};
