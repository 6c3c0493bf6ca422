import type { IntegrationSystemPageResolvers } from "@/graphql/types.generated";
import { pageFields } from "@/graphql/base/page-fields";

export const IntegrationSystemPage: IntegrationSystemPageResolvers = pageFields;
