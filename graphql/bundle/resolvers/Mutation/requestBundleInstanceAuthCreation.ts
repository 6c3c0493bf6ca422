import type { MutationResolvers } from "@/graphql/types.generated";
import { requestInstanceAuth } from "@/domain/catalog/instance-auths";

export const requestBundleInstanceAuthCreation: NonNullable<MutationResolvers['requestBundleInstanceAuthCreation']> = async (_parent, args, ctx) =>
  requestInstanceAuth(ctx.db, ctx.principal, await ctx.tenant.require("requesting a bundle instance auth"), args.bundleID, args.in);
