import type { ViewerResolvers } from "@/graphql/types.generated";

export const Viewer: ViewerResolvers = {
  // Compass's fields: the caller's own id and its kind.
  id: (principal) =>
    principal.kind === "USER" ? principal.user.id : principal.kind === "INTEGRATION_SYSTEM" ? principal.integrationSystemId : principal.objectId,
  type: (principal) => principal.kind,
  user: (principal, _args, ctx) => (principal.kind === "USER" ? ctx.db.user.findUnique({ where: { id: principal.user.id } }) : null),
  role: (principal) => (principal.kind === "USER" ? principal.user.role : null),
  // An integration system may always see its own record.
  integrationSystem: (principal, _args, ctx) =>
    principal.kind === "INTEGRATION_SYSTEM" ? ctx.db.integrationSystem.findUnique({ where: { id: principal.integrationSystemId } }) : null,
  clientId: (principal) => (principal.kind === "USER" ? null : principal.clientId),
  scopes: (principal) => [...principal.scopes].sort(),
};
