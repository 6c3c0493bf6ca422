import type { QueryResolvers } from "@/graphql/types.generated";
import { SCOPES } from "@/lib/scopes";
import { findInstanceAuth } from "@/domain/catalog/instance-auths";
import { requireApplicationSide } from "@/graphql/bundle/instance-auth-fields";

export const bundleInstanceAuth: NonNullable<QueryResolvers['bundleInstanceAuth']> = async (_parent, { id }, ctx) =>
  findInstanceAuth(ctx.db, requireApplicationSide(ctx, SCOPES.applicationRead, "reading a bundle instance auth"), await ctx.tenant.require("reading a bundle instance auth"), id);
