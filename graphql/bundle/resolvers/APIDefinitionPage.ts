import type { APIDefinitionPageResolvers } from "@/graphql/types.generated";
import { pageFields } from "@/graphql/base/page-fields";

export const APIDefinitionPage: APIDefinitionPageResolvers = pageFields;
