import type { RuntimePageResolvers } from "@/graphql/types.generated";
import { pageFields } from "@/graphql/base/page-fields";

export const RuntimePage: RuntimePageResolvers = pageFields;
