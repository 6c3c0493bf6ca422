import { hasScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { AppSystemAuthResolvers } from "./../../types.generated";

export const AppSystemAuth: AppSystemAuthResolvers = {
  // Compass's @sanitize, with the scope that guards every credential's data here.
  auth: (systemAuth, _args, ctx) => (hasScope(ctx.principal, SCOPES.integrationSystemAuthsRead) ? systemAuth : null),
  type: () => "APPLICATION",
  referenceObjectId: (systemAuth) => systemAuth.applicationId,
};
