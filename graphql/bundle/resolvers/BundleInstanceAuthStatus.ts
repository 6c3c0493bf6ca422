import type { BundleInstanceAuthStatusResolvers } from "@/graphql/types.generated";

export const BundleInstanceAuthStatus: BundleInstanceAuthStatusResolvers = {
  condition: (row) => row.statusCondition as never,
  timestamp: (row) => row.statusTimestamp,
  message: (row) => row.statusMessage,
  reason: (row) => row.statusReason,
};
