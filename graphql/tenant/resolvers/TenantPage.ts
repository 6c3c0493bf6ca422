import type { TenantPageResolvers } from "@/graphql/types.generated";

export const TenantPage: TenantPageResolvers = {
  data: (page) => page.rows,
  totalCount: (page) => page.countTotal(),
};
