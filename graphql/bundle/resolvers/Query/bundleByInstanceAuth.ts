import type { QueryResolvers } from "@/graphql/types.generated";
import { SCOPES } from "@/lib/scopes";
import { findInstanceAuth } from "@/domain/catalog/instance-auths";
import { requireApplicationSide } from "@/graphql/bundle/instance-auth-fields";

export const bundleByInstanceAuth: NonNullable<QueryResolvers['bundleByInstanceAuth']> = async (_parent, { authID }, ctx) => {
  const doing = "reading the bundle of a bundle instance auth";
  const instanceAuth = await findInstanceAuth(ctx.db, requireApplicationSide(ctx, SCOPES.applicationRead, doing), await ctx.tenant.require(doing), authID);
  return instanceAuth && ctx.db.bundle.findUnique({ where: { id: instanceAuth.bundleId } });
};
