import type { APISpecResolvers } from "@/graphql/types.generated";
import { specFields } from "@/graphql/bundle/catalog-fields";

export const APISpec: APISpecResolvers = specFields;
