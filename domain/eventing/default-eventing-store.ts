import type { Tx } from "@/lib/db";

/**
 * The chosen default eventing runtimes (DefaultEventing rows), below the
 * service that authorizes: what the tenant-object core and merge call when an
 * application or a runtime goes. Whoever deletes either side calls this; on
 * PostgreSQL the foreign keys' cascade also removes a choice committed
 * meanwhile, which SQLite (one writer at a time) cannot see.
 */
export async function forgetDefaultEventingOf(tx: Tx, objectIds: readonly string[]): Promise<void> {
  if (objectIds.length === 0) return;
  const ids = [...objectIds];
  await tx.defaultEventing.deleteMany({ where: { OR: [{ applicationId: { in: ids } }, { runtimeId: { in: ids } }] } });
}
