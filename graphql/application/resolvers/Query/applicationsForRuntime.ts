import type { QueryResolvers } from "@/graphql/types.generated";
import { SCOPES } from "@/lib/scopes";
import { forbidden } from "@/domain/errors";
import { requireOwnObject, requireScope } from "@/domain/principals/authorize";
import { listApplicationsForRuntime } from "@/domain/tenant-objects/kinds/application-operations";

const doing = "listing the applications of a runtime's scenarios";

// A runtime's own token may ask for itself only; an application's token may not list applications.
export const applicationsForRuntime: NonNullable<QueryResolvers['applicationsForRuntime']> = async (_parent, { runtimeID, first, after }, ctx) => {
  const principal = requireOwnObject(requireScope(ctx.principal, SCOPES.applicationRead, doing), "APPLICATION", null, doing);
  if (principal.kind === "RUNTIME" && principal.objectId !== runtimeID) throw forbidden(`A runtime may list only its own scenarios' applications (while ${doing})`);
  return listApplicationsForRuntime(ctx.db, await ctx.tenant.require(doing), runtimeID, { first, after });
};
