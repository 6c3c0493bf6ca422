import type { ApplicationStatusResolvers } from "@/graphql/types.generated";
import type { ApplicationCondition } from "@/lib/compass-enums";

export const ApplicationStatus: ApplicationStatusResolvers = {
  condition: (app) => app.statusCondition as ApplicationCondition,
  timestamp: (app) => app.statusTimestamp,
};
