import type { RuntimeStatusResolvers } from "@/graphql/types.generated";
import type { RuntimeCondition } from "@/lib/compass-enums";

export const RuntimeStatus: RuntimeStatusResolvers = {
  condition: (runtime) => runtime.statusCondition as RuntimeCondition,
  timestamp: (runtime) => runtime.statusTimestamp,
};
