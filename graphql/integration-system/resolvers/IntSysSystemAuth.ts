import { hasScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { IntSysSystemAuthResolvers } from "@/graphql/types.generated";

export const IntSysSystemAuth: IntSysSystemAuthResolvers = {
  // Compass's @sanitize: without the scope the credential's data is null, not
  // an error, so the rest of the answer (the systems, the credentials' ids) stays.
  auth: (systemAuth, _args, ctx) => (hasScope(ctx.principal, SCOPES.integrationSystemAuthsRead) ? systemAuth : null),
  type: () => "INTEGRATION_SYSTEM",
  // Integration systems work across all tenants.
  tenantId: () => null,
  referenceObjectId: (systemAuth) => systemAuth.integrationSystemId,
  // Part of the secret: sanitized like auth.
  secretHint: (systemAuth, _args, ctx) => (hasScope(ctx.principal, SCOPES.integrationSystemAuthsRead) ? systemAuth.secretHint : null),
  // Stored space-separated, as OAuth2 writes scopes.
  scopes: (systemAuth) => systemAuth.scopes.split(" ").filter(Boolean),
  secretConfirmed: (systemAuth) => !systemAuth.secretUnconfirmed,
};
