import type { MutationResolvers } from "@/graphql/types.generated";
import { RUNTIME } from "@/domain/tenant-objects/kinds/runtime";
import { deleteLabelMutation } from "@/graphql/tenant-objects/resolvers";

export const deleteRuntimeLabel: NonNullable<MutationResolvers['deleteRuntimeLabel']> = deleteLabelMutation(RUNTIME, "runtimeID");
