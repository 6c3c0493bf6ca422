import type { TenantPageResolvers } from "./../../types.generated";

export const TenantPage: TenantPageResolvers = {
  data: (page) => page.rows,
  totalCount: (page) => page.countTotal(),
};
