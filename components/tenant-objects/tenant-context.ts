/**
 * Application operations are scoped by the `tenant` request header, not by an
 * argument. This is the Apollo operation context that sends it.
 */
export const inTenant = (tenantId: string) => ({ headers: { tenant: tenantId } });
