import type { QueryResolvers } from "@/graphql/types.generated";
import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { listQuery } from "@/graphql/tenant-objects/resolvers";

export const applications: NonNullable<QueryResolvers['applications']> = listQuery(APPLICATION);
