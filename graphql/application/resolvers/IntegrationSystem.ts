import type { IntegrationSystemResolvers } from "@/graphql/types.generated";
import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { systemListField } from "@/graphql/tenant-objects/resolvers";

export const IntegrationSystem: Pick<IntegrationSystemResolvers, 'applications'> = {
  applications: systemListField(APPLICATION),
};
