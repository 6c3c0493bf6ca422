import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import type { IntegrationSystemResolvers } from "../../types.generated";

export const IntegrationSystem: Pick<IntegrationSystemResolvers, 'auths'|'createdAt'|'description'|'id'|'name'|'updatedAt'> = {
  auths: (system, _args, ctx) => {
    requireScope(ctx.principal, SCOPES.integrationSystemAuthsRead, "reading an integration system's credentials");
    return system.auths ?? ctx.loaders.authsBySystemId.load(system.id);
  },
};
