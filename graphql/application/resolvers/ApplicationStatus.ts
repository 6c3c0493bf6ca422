import type { ApplicationStatusResolvers } from "@/graphql/types.generated";
import type { ApplicationCondition } from "@/domain/tenant-objects/kinds/application";

export const ApplicationStatus: ApplicationStatusResolvers = {
  condition: (app) => app.statusCondition as ApplicationCondition,
  timestamp: (app) => app.statusTimestamp,
};
