import type { IntegrationSystemResolvers } from "../../types.generated";

export const IntegrationSystem: Pick<IntegrationSystemResolvers, 'auths'|'createdAt'|'description'|'id'|'name'|'updatedAt'> = {
  // Anyone who may read the system sees its credentials' ids and types; their
  // data needs integration_system.auths:read (IntSysSystemAuth.auth, as Compass's @sanitize).
  auths: (system, _args, ctx) => system.auths ?? ctx.loaders.authsBySystemId.load(system.id),
};
