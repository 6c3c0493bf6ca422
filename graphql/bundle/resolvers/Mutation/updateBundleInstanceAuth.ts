import type { MutationResolvers } from "@/graphql/types.generated";
import { SCOPES } from "@/lib/scopes";
import { updateInstanceAuth } from "@/domain/catalog/instance-auths";
import { requireApplicationSide } from "@/graphql/bundle/instance-auth-fields";

export const updateBundleInstanceAuth: NonNullable<MutationResolvers['updateBundleInstanceAuth']> = async (_parent, args, ctx) =>
  updateInstanceAuth(
    ctx.db,
    requireApplicationSide(ctx, SCOPES.applicationWrite, "updating a bundle instance auth"),
    await ctx.tenant.require("updating a bundle instance auth"),
    args.id,
    args.bundleID,
    args.in,
  );
