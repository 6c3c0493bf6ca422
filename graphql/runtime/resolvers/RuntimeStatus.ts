import type { RuntimeStatusResolvers } from "@/graphql/types.generated";

export const RuntimeStatus: RuntimeStatusResolvers = {
  condition: (runtime) => runtime.statusCondition as "INITIAL" | "PROVISIONING" | "CONNECTED" | "FAILED",
  timestamp: (runtime) => runtime.statusTimestamp,
};
