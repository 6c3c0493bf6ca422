import type { AppSystemAuthResolvers } from "@/graphql/types.generated";
import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { credentialFields } from "@/graphql/tenant-objects/resolvers";

export const AppSystemAuth: AppSystemAuthResolvers = credentialFields(APPLICATION);
