import type { UserPageResolvers } from "@/graphql/types.generated";
import { pageFields } from "@/graphql/base/page-fields";

export const UserPage: UserPageResolvers = pageFields;
