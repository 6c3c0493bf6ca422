import type { MutationResolvers } from "@/graphql/types.generated";
import { SCOPES } from "@/lib/scopes";
import { requireScope } from "@/domain/principals/authorize";
import { deleteDefaultEventing } from "@/domain/eventing/eventing.service";

const doing = "deleting the default eventing of an application";

export const deleteDefaultEventingForApplication: NonNullable<MutationResolvers['deleteDefaultEventingForApplication']> = async (_parent, { appID }, ctx) =>
  deleteDefaultEventing(ctx.db, requireScope(ctx.principal, SCOPES.applicationWrite, doing), await ctx.tenant.require(doing), appID);
