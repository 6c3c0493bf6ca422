import { requireScope } from "@/domain/principals/authorize";
import { SCOPES } from "@/lib/scopes";
import { forbidden } from "@/domain/errors";
import type { IntegrationSystemResolvers } from "@/graphql/types.generated";
import { listApplicationsOfSystem } from "@/domain/applications/application.service";

export const IntegrationSystem: Pick<IntegrationSystemResolvers, 'applications'> = {
  applications: (system, args, ctx) => {
    const principal = requireScope(ctx.principal, SCOPES.applicationRead, "listing an integration system's applications");
    if (principal.kind === "INTEGRATION_SYSTEM" && principal.integrationSystemId !== system.id) {
      throw forbidden(`An integration system may list only its own applications across tenants (while listing those of "${system.name}")`);
    }
    return listApplicationsOfSystem(ctx.db, system.id, args);
  },
};
