import type { ApplicationPageResolvers } from "@/graphql/types.generated";
import { pageFields } from "@/graphql/base/page-fields";

export const ApplicationPage: ApplicationPageResolvers = pageFields;
