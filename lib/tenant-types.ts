/** Compass's tenant types (its pkg/tenant): what a tenant's `type` may be. Shared by the API's checks and the console's form. */
export const TENANT_TYPES = ["account", "customer", "subaccount", "organization", "folder", "resource-group", "cost-object", "unknown"] as const;
