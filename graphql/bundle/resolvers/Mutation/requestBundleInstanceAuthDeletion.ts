import type { MutationResolvers } from "@/graphql/types.generated";
import { requestInstanceAuthDeletion } from "@/domain/catalog/instance-auths";

export const requestBundleInstanceAuthDeletion: NonNullable<MutationResolvers['requestBundleInstanceAuthDeletion']> = async (_parent, args, ctx) =>
  requestInstanceAuthDeletion(ctx.db, ctx.principal, await ctx.tenant.require("requesting a bundle instance auth's deletion"), args.authID);
