import type { MutationResolvers } from "@/graphql/types.generated";
import { SCOPES } from "@/lib/scopes";
import { requireScope } from "@/domain/principals/authorize";
import { mergeApplications as merge } from "@/domain/tenant-objects/kinds/application-operations";

const doing = "merging applications";

export const mergeApplications: NonNullable<MutationResolvers['mergeApplications']> = async (_parent, { destinationID, sourceID }, ctx) =>
  merge(ctx.db, requireScope(ctx.principal, SCOPES.applicationWrite, doing), await ctx.tenant.require(doing), destinationID, sourceID);
