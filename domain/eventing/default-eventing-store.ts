import type { Tx } from "@/lib/db";

/**
 * The chosen default eventing runtimes (DefaultEventing rows), below the
 * service that authorizes: what the tenant-object core and merge call when an
 * application or a runtime goes. No foreign key removes them (SQLite through
 * the adapter enforces none): whoever deletes either side calls this.
 */
export async function forgetDefaultEventingOf(tx: Tx, objectIds: readonly string[]): Promise<void> {
  if (objectIds.length === 0) return;
  const ids = [...objectIds];
  await tx.defaultEventing.deleteMany({ where: { OR: [{ applicationId: { in: ids } }, { runtimeId: { in: ids } }] } });
}
