import type { MutationResolvers } from "@/graphql/types.generated";
import { SCOPES } from "@/lib/scopes";
import { requireScope } from "@/domain/principals/authorize";
import { setDefaultEventing } from "@/domain/eventing/eventing.service";

const doing = "setting the default eventing of an application";

// Compass's eventing:manage is, here, application:write: it changes where the application's events go.
export const setDefaultEventingForApplication: NonNullable<MutationResolvers['setDefaultEventingForApplication']> = async (_parent, { appID, runtimeID }, ctx) =>
  setDefaultEventing(ctx.db, requireScope(ctx.principal, SCOPES.applicationWrite, doing), await ctx.tenant.require(doing), appID, runtimeID);
