import type { QueryResolvers } from "@/graphql/types.generated";
import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { objectQuery } from "@/graphql/tenant-objects/resolvers";

export const application: NonNullable<QueryResolvers['application']> = objectQuery(APPLICATION);
