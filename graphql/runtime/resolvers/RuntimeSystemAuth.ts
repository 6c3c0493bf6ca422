import { hasScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { RuntimeSystemAuthResolvers } from "./../../types.generated";

export const RuntimeSystemAuth: RuntimeSystemAuthResolvers = {
  // Compass's @sanitize, with the scope that guards every credential's data here.
  auth: (systemAuth, _args, ctx) => (hasScope(ctx.principal, SCOPES.integrationSystemAuthsRead) ? systemAuth : null),
  type: () => "RUNTIME",
  referenceObjectId: (systemAuth) => systemAuth.runtimeId,
};
