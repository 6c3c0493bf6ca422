import { requireScope } from "@/domain/principals/authorize";
import { EXPIRING_SOON_DAYS } from "@/lib/credential-rules";
import { JWKS_PATH, TOKEN_PATH } from "@/lib/paths";
import { SCOPES } from "@/lib/scopes";
import type { QueryResolvers } from "@/graphql/types.generated";

export const credentialSettings: NonNullable<QueryResolvers['credentialSettings']> = (_parent, _args, ctx) => {
  requireScope(ctx.principal, SCOPES.integrationSystemRead, "reading the credential settings");
  // The issuer is the public origin, as the authorization server's metadata says (oauth2/endpoints.ts).
  return {
    grantableScopes: ctx.config.integrationSystemScopes,
    issuer: ctx.origin,
    tokenUrl: ctx.origin + TOKEN_PATH,
    jwksUrl: ctx.origin + JWKS_PATH,
    expiringSoonDays: EXPIRING_SOON_DAYS,
  };
};
