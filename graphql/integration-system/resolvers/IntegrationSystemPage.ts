import type { IntegrationSystemPageResolvers } from "@/graphql/types.generated";

export const IntegrationSystemPage: IntegrationSystemPageResolvers = {
  data: (page) => page.rows,
  totalCount: (page) => page.countTotal(),
};
