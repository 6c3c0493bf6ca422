import type { MutationResolvers } from "@/graphql/types.generated";
import { BUNDLE_INSTANCE_AUTH } from "@/domain/tenant-objects/kinds/bundle-instance-auth";
import { registerChildMutation } from "@/graphql/tenant-objects/resolvers";

export const createBundleInstanceAuth: NonNullable<MutationResolvers['createBundleInstanceAuth']> = registerChildMutation(BUNDLE_INSTANCE_AUTH, "bundleID");
