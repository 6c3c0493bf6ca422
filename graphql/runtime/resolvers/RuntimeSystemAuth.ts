import type { RuntimeSystemAuthResolvers } from "@/graphql/types.generated";
import { RUNTIME } from "@/domain/tenant-objects/kinds/runtime";
import { credentialFields } from "@/graphql/tenant-objects/resolvers";

export const RuntimeSystemAuth: RuntimeSystemAuthResolvers = credentialFields(RUNTIME);
