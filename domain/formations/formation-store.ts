import type { Tx } from "@/lib/db";

/**
 * Formation rows below the services, for what deletes a tenant
 * (domain/tenants/tenant.service.ts's removeTenant): SQLite through the adapter
 * enforces no foreign key, so whoever deletes a tenant removes these.
 */

/** A tenant being deleted: its formations, their assignments, and the subaccount assignments from and to it. */
export async function removeFormationsOfTenant(tx: Tx, tenantId: string): Promise<number> {
  await tx.automaticScenarioAssignment.deleteMany({ where: { OR: [{ tenantId }, { targetTenantId: tenantId }] } });
  await tx.formationAssignment.deleteMany({ where: { tenantId } });
  return (await tx.formation.deleteMany({ where: { tenantId } })).count;
}
