import type { ApplicationPageResolvers } from "./../../types.generated";

export const ApplicationPage: ApplicationPageResolvers = {
  data: (page) => page.rows,
  totalCount: (page) => page.countTotal(),
};
