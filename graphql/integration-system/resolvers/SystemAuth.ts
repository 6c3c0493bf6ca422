import { ownerRefOf } from "@/domain/credentials/system-auth.service";
import type { SystemAuthResolvers } from "@/graphql/types.generated";

const TYPES = { INTEGRATION_SYSTEM: "IntSysSystemAuth", APPLICATION: "AppSystemAuth", RUNTIME: "RuntimeSystemAuth" } as const;

// A credential belongs to an integration system, an application or a runtime.
export const SystemAuth: SystemAuthResolvers = {
  __resolveType: (systemAuth) => TYPES[ownerRefOf(systemAuth).kind],
};
