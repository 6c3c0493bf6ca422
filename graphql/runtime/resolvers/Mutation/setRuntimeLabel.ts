import type { MutationResolvers } from "@/graphql/types.generated";
import { RUNTIME } from "@/domain/tenant-objects/kinds/runtime";
import { setLabelMutation } from "@/graphql/tenant-objects/resolvers";

export const setRuntimeLabel: NonNullable<MutationResolvers['setRuntimeLabel']> = setLabelMutation(RUNTIME, "runtimeID");
