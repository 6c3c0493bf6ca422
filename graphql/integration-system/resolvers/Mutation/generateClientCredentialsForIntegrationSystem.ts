import { requireAdmin } from "@/domain/principals/authorize";
import type { MutationResolvers } from "@/graphql/types.generated";
import { generateClientCredentials } from "@/domain/credentials/system-auth.service";
import { exactlyOne } from "@/graphql/integration-system/arguments";

export const generateClientCredentialsForIntegrationSystem: NonNullable<MutationResolvers['generateClientCredentialsForIntegrationSystem']> = (
  _parent,
  { id, integrationSystemID, expiresInDays, scopes, note, awaitConfirmation },
  ctx,
) => {
  const actor = requireAdmin(ctx.principal, "generating client credentials");
  // The schema says `id`, the design's workflow text `integrationSystemID`.
  const systemId = exactlyOne({ id, integrationSystemID });
  return generateClientCredentials(ctx.db, actor, systemId, {
    expiresInDays,
    scopes,
    note,
    awaitConfirmation,
    grantable: ctx.config.integrationSystemScopes,
  });
};
