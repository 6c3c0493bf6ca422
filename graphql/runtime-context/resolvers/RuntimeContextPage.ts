import type { RuntimeContextPageResolvers } from "@/graphql/types.generated";
import { pageFields } from "@/graphql/base/page-fields";

export const RuntimeContextPage: RuntimeContextPageResolvers = pageFields;
