import type { ApplicationResolvers } from "@/graphql/types.generated";
import { BUNDLE } from "@/domain/tenant-objects/kinds/bundle";
import { API_DEFINITION } from "@/domain/tenant-objects/kinds/api-definition";
import { EVENT_DEFINITION } from "@/domain/tenant-objects/kinds/event-definition";
import { INTEGRATION_DEPENDENCY } from "@/domain/tenant-objects/kinds/integration-dependency";
import { childField, childListField } from "@/graphql/tenant-objects/resolvers";

export const Application: Pick<ApplicationResolvers, 'apiDefinition'|'bundle'|'bundles'|'eventDefinition'|'integrationDependencies'> = {
  bundles: childListField(BUNDLE),
  bundle: childField(BUNDLE),
  apiDefinition: childField(API_DEFINITION),
  eventDefinition: childField(EVENT_DEFINITION),
  integrationDependencies: childListField(INTEGRATION_DEPENDENCY),
};
