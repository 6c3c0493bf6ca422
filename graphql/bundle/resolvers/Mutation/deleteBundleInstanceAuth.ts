import type { MutationResolvers } from "@/graphql/types.generated";
import { BUNDLE_INSTANCE_AUTH } from "@/domain/tenant-objects/kinds/bundle-instance-auth";
import { unregisterMutation } from "@/graphql/tenant-objects/resolvers";

export const deleteBundleInstanceAuth: NonNullable<MutationResolvers['deleteBundleInstanceAuth']> = unregisterMutation(BUNDLE_INSTANCE_AUTH, "authID");
