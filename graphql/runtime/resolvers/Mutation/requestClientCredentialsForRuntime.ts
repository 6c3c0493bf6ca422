import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { requestObjectCredentials } from "@/domain/credentials/object-credentials.service";

export const requestClientCredentialsForRuntime: NonNullable<MutationResolvers['requestClientCredentialsForRuntime']> = async (_parent, { id, ...options }, ctx) => {
  const actor = requireScope(ctx.principal, SCOPES.runtimeWrite, "requesting client credentials for a runtime");
  return requestObjectCredentials(ctx.db, actor, await ctx.tenant.require("requesting client credentials for a runtime"), "RUNTIME", id, options);
};
