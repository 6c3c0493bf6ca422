import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { writeTenant as write } from "@/domain/tenants/tenant-mapping.service";

export const writeTenant: NonNullable<MutationResolvers['writeTenant']> = (_parent, args, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.tenantWrite, "writing a tenant");
  return write(ctx.db, actor, args.in);
};
