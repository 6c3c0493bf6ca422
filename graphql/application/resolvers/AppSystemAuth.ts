import { hasScope } from "@/domain/principals/authorize";
import { SCOPES, parseScopes } from "@/lib/scopes";
import type { AppSystemAuthResolvers } from "@/graphql/types.generated";

export const AppSystemAuth: AppSystemAuthResolvers = {
  // Compass's @sanitize, with the scope that guards every credential's data here;
  // the requesting mutation's own answer always carries it, the secret's one reveal
  // (an integration system that manages the object may request credentials without the scope).
  auth: (systemAuth, _args, ctx) => (systemAuth.clientSecret !== undefined || hasScope(ctx.principal, SCOPES.integrationSystemAuthsRead) ? systemAuth : null),
  type: () => "APPLICATION",
  referenceObjectId: (systemAuth) => systemAuth.applicationId,
  scopes: (systemAuth) => parseScopes(systemAuth.scopes),
};
