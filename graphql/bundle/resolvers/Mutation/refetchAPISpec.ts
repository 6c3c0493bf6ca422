import type { MutationResolvers } from "@/graphql/types.generated";
import { API_DEFINITION } from "@/domain/tenant-objects/kinds/api-definition";
import { redoMutation } from "@/graphql/tenant-objects/resolvers";

export const refetchAPISpec: NonNullable<MutationResolvers['refetchAPISpec']> = redoMutation(API_DEFINITION, "apiID");
