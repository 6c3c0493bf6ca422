import type { MutationResolvers } from "@/graphql/types.generated";
import { DOCUMENT } from "@/domain/tenant-objects/kinds/document";
import { registerChildMutation } from "@/graphql/tenant-objects/resolvers";

export const addDocumentToBundle: NonNullable<MutationResolvers['addDocumentToBundle']> = registerChildMutation(DOCUMENT, "bundleID");
