import type { SystemAuthResolvers } from "../../types.generated";

export const SystemAuth: SystemAuthResolvers = {
  auth: (systemAuth) => systemAuth,
  type: () => "INTEGRATION_SYSTEM",
  referenceObjectId: (systemAuth) => systemAuth.integrationSystemId,
};
