import type { MutationResolvers } from "@/graphql/types.generated";
import { DOCUMENT } from "@/domain/tenant-objects/kinds/document";
import { unregisterMutation } from "@/graphql/tenant-objects/resolvers";

export const deleteDocument: NonNullable<MutationResolvers['deleteDocument']> = unregisterMutation(DOCUMENT);
