import type { AutomaticScenarioAssignmentPageResolvers } from "@/graphql/types.generated";
import { pageFields } from "@/graphql/base/page-fields";

export const AutomaticScenarioAssignmentPage: AutomaticScenarioAssignmentPageResolvers = pageFields;
