import type { SystemAuthResolvers } from "../../types.generated";

// Every credential this server holds belongs to an integration system.
export const SystemAuth: SystemAuthResolvers = {
  __resolveType: () => "IntSysSystemAuth",
};
