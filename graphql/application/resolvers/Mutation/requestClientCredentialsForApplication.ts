import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { requestObjectCredentials } from "@/domain/credentials/object-credentials.service";

export const requestClientCredentialsForApplication: NonNullable<MutationResolvers['requestClientCredentialsForApplication']> = async (
  _parent,
  { id, ...options },
  ctx,
) => {
  const actor = requireScope(ctx.principal, SCOPES.applicationWrite, "requesting client credentials for an application");
  return requestObjectCredentials(ctx.db, actor, await ctx.tenant.require("requesting client credentials for an application"), "APPLICATION", id, options);
};
