import type { ViewerResolvers } from "../../types.generated";

export const Viewer: ViewerResolvers = {
  user: (principal, _args, ctx) => (principal.kind === "USER" ? ctx.db.user.findUnique({ where: { id: principal.user.id } }) : null),
  role: (principal) => (principal.kind === "USER" ? principal.user.role : null),
  scopes: (principal) => [...principal.scopes].sort(),
};
