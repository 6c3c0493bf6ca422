import type { SystemAuthResolvers } from "../../types.generated";

export const SystemAuth: SystemAuthResolvers = {
  auth: (systemAuth) => systemAuth,
  type: () => "INTEGRATION_SYSTEM",
  referenceObjectId: (systemAuth) => systemAuth.integrationSystemId,
  // Stored space-separated, as OAuth2 writes scopes.
  scopes: (systemAuth) => systemAuth.scopes.split(" ").filter(Boolean),
};
