import type { QueryResolvers } from "@/graphql/types.generated";
import { RUNTIME } from "@/domain/tenant-objects/kinds/runtime";
import { listQuery } from "@/graphql/tenant-objects/resolvers";

export const runtimes: NonNullable<QueryResolvers['runtimes']> = listQuery(RUNTIME);
