/**
 * Application operations are scoped by the `tenant` request header, not by an
 * argument. This is the Apollo operation context that sends it.
 */
export const inTenant = (tenantId: string) => ({ headers: { tenant: tenantId } });

/** What a dialog that writes in a tenant gets from its opener: the tenant, and what to call when it closes and when it saved. */
export interface TenantDialogProps {
  tenantId: string;
  onClose: () => void;
  onSaved: () => void;
}
