import type { FormationAssignmentResolvers } from "@/graphql/types.generated";

type ParticipantType = "APPLICATION" | "RUNTIME" | "RUNTIME_CONTEXT";

/** Nothing is sent here, so an assignment has no value, configuration, error or operations (decision 0036). */
export const FormationAssignment: FormationAssignmentResolvers = {
  sourceType: (row) => row.sourceType as ParticipantType,
  targetType: (row) => row.targetType as ParticipantType,
  value: () => null,
  configuration: () => null,
  error: () => null,
  lastStateChangeTimestamp: (row) => row.updatedAt.toISOString(),
  lastNotificationSentTimestamp: () => null,
  assignmentOperations: () => ({ rows: [], pageInfo: { startCursor: "", endCursor: "", hasNextPage: false }, countTotal: async () => 0 }),
};
