import type { ScheduledOperation } from "@/generated/prisma-sqlite/client";
import type { Db } from "@/lib/db";
import { recordAudit } from "@/domain/audit/audit.service";
import { badInput, conflict, notFound } from "@/domain/errors";
import type { Principal } from "@/domain/principals/principal";

/** Compass's operation(id): null when none has the id. */
export function findOperation(db: Db, id: string): Promise<ScheduledOperation | null> {
  return db.scheduledOperation.findUnique({ where: { id } });
}

/**
 * Compass's scheduleOperation (RescheduleOperation): SCHEDULED again with the
 * priority, unless IN_PROGRESS (CONFLICT, Compass's "operation in progress").
 */
export async function rescheduleOperation(db: Db, actor: Principal, id: string, priority: number): Promise<ScheduledOperation> {
  if (!Number.isInteger(priority) || priority < 1 || priority > 1000) throw badInput("priority", "An integer between 1 and 1000");
  return db.$transaction(async (tx) => {
    const before = await tx.scheduledOperation.findUnique({ where: { id } });
    if (!before) throw notFound("operation", id, "scheduling it");
    if (before.status === "IN_PROGRESS") throw conflict(`Operation ${id} is in progress`, "operationID");
    const row = await tx.scheduledOperation.update({ where: { id }, data: { status: "SCHEDULED", priority, error: null } });
    await recordAudit(tx, actor, {
      action: "OPERATION_SCHEDULED",
      objectType: "Operation",
      objectId: id,
      objectLabel: row.operationType,
      details: { before: { status: before.status, priority: before.priority }, after: { status: row.status, priority }, resourceId: row.resourceId },
    });
    return row;
  });
}

/** The operations of each of these applications, oldest first, in one read. */
export async function operationsOfResources(db: Db, resourceIds: readonly string[]): Promise<ScheduledOperation[][]> {
  const rows = await db.scheduledOperation.findMany({ where: { resourceId: { in: [...resourceIds] } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return resourceIds.map((id) => rows.filter((row) => row.resourceId === id));
}
