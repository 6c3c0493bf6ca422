import { TENANT_TYPES } from "./tenant-types";

/** What a certificate subject mapping may say (Compass's validators), shared by the API's checks and the console's form. */

/** Compass's consumer types (pkg/consumer), the values its validator accepts, spelled as Compass spells them. */
export const CONSUMER_TYPES = [
  "Runtime",
  "External Certificate",
  "Application",
  "Integration System",
  "Static User",
  "Super Admin",
  "Technical Client",
  "Business Integration",
  "Managed Application Provider Operator",
  "Managed Application Consumer",
  "Application Provider",
  "Landscape Resource Operator",
  "Tenant Discovery Operator",
  "Instance Creator",
  "Formation Viewer",
] as const;

/** The access level that lets a mapped certificate act without naming a tenant. */
export const GLOBAL_ACCESS_LEVEL = "global";

/** Compass's tenant access levels: its tenant types but "unknown", and "global". */
export const TENANT_ACCESS_LEVELS = [...TENANT_TYPES.filter((type) => type !== "unknown"), GLOBAL_ACCESS_LEVEL] as const;
