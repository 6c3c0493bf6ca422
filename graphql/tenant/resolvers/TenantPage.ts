import type { TenantPageResolvers } from "@/graphql/types.generated";
import { pageFields } from "@/graphql/base/page-fields";

export const TenantPage: TenantPageResolvers = pageFields;
