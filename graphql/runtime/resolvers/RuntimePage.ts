import type { RuntimePageResolvers } from "@/graphql/types.generated";

export const RuntimePage: RuntimePageResolvers = {
  data: (page) => page.rows,
  totalCount: (page) => page.countTotal(),
};
