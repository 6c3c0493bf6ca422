import type { IntegrationSystemResolvers } from "@/graphql/types.generated";

export const IntegrationSystem: Pick<IntegrationSystemResolvers, 'auths'|'createdAt'|'description'|'id'|'lastUsedAt'|'name'|'updatedAt'> = {
  // Anyone who may read the system sees its credentials' ids and types; their
  // data needs integration_system.auths:read (IntSysSystemAuth.auth, as Compass's @sanitize).
  auths: (system, _args, ctx) => system.auths ?? ctx.loaders.authsBySystemId.load(system.id),
  // The latest use of any of its credentials, from the same loader as auths: no query of its own.
  lastUsedAt: async (system, _args, ctx) => {
    const auths = system.auths ?? (await ctx.loaders.authsBySystemId.load(system.id));
    const times = auths.map((auth) => auth.lastUsedAt?.getTime()).filter((time): time is number => time !== undefined);
    return times.length ? new Date(Math.max(...times)) : null;
  },
};
