import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { MutationResolvers } from "@/graphql/types.generated";
import { setSystemAuthNote as setNote } from "@/domain/credentials/system-auth.service";

export const setSystemAuthNote: NonNullable<MutationResolvers['setSystemAuthNote']> = (_parent, { id, note }, ctx) => {
  // The same right as revoking or generating: a note is part of managing the credential.
  const actor = requireScope(ctx.principal, SCOPES.integrationSystemWrite, "changing a credential's note");
  return setNote(ctx.db, actor, id, note);
};
