import type { AutomaticScenarioAssignmentResolvers } from "@/graphql/types.generated";

export const AutomaticScenarioAssignment: AutomaticScenarioAssignmentResolvers = {
  selector: (row) => row.selector,
};
