import type { ApplicationPageResolvers } from "@/graphql/types.generated";

export const ApplicationPage: ApplicationPageResolvers = {
  data: (page) => page.rows,
  totalCount: (page) => page.countTotal(),
};
