import type { ApiTokenResolvers } from "./../../types.generated";
import { apiTokenScopes } from "@/domain/api-tokens/api-token.service";
import { isReadScope } from "@/lib/scopes";

export const ApiToken: ApiTokenResolvers = {
  // Lists read the user along; a single token (just created) reads it here.
  owner: (token, _arg, ctx) => token.user ?? ctx.db.user.findUniqueOrThrow({ where: { id: token.userId } }),
  readOnly: (token) => apiTokenScopes(token)?.every(isReadScope) ?? false,
  scopes: (token) => apiTokenScopes(token),
};
