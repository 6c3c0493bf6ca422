import type { BundleInstanceAuthResolvers } from "@/graphql/types.generated";
import { instanceAuthFields } from "@/graphql/bundle/instance-auth-fields";

export const BundleInstanceAuth: BundleInstanceAuthResolvers = instanceAuthFields;
