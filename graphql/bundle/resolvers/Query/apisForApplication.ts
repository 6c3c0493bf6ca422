import type { QueryResolvers } from "@/graphql/types.generated";
import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { API_DEFINITION } from "@/domain/tenant-objects/kinds/api-definition";
import { childListQuery } from "@/graphql/tenant-objects/resolvers";

export const apisForApplication: NonNullable<QueryResolvers['apisForApplication']> = childListQuery(APPLICATION, API_DEFINITION, "appID");
