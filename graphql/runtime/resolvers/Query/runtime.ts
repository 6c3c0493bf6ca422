import type { QueryResolvers } from "@/graphql/types.generated";
import { RUNTIME } from "@/domain/tenant-objects/kinds/runtime";
import { objectQuery } from "@/graphql/tenant-objects/resolvers";

export const runtime: NonNullable<QueryResolvers['runtime']> = objectQuery(RUNTIME);
