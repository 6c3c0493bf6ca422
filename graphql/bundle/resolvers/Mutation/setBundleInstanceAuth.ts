import type { MutationResolvers } from "@/graphql/types.generated";
import { SCOPES } from "@/lib/scopes";
import { setInstanceAuth } from "@/domain/catalog/instance-auths";
import { requireApplicationSide } from "@/graphql/bundle/instance-auth-fields";

export const setBundleInstanceAuth: NonNullable<MutationResolvers['setBundleInstanceAuth']> = async (_parent, args, ctx) =>
  setInstanceAuth(ctx.db, requireApplicationSide(ctx, SCOPES.applicationWrite, "setting a bundle instance auth"), await ctx.tenant.require("setting a bundle instance auth"), args.authID, args.in);
