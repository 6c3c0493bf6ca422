import type { UserPageResolvers } from "@/graphql/types.generated";

export const UserPage: UserPageResolvers = {
  data: (page) => page.rows,
  totalCount: (page) => page.countTotal(),
};
