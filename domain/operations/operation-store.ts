import type { Tx } from "@/lib/db";
import { newId } from "@/lib/ids";

/**
 * Compass's scheduled operations, below the services: an application gets an
 * ORD_AGGREGATION operation when it gains an OPEN_RESOURCE_DISCOVERY webhook,
 * as Compass's application service schedules one. Stored SCHEDULED and
 * answered; no ORD aggregator runs them here (decision 0036).
 */

const ORD_WEBHOOK = "OPEN_RESOURCE_DISCOVERY";

/** In the caller's transaction: one ORD_AGGREGATION operation for an application that has none yet, if one of these webhooks is ORD's. */
export async function scheduleOrdAggregation(tx: Tx, applicationId: string, webhookTypes: readonly string[]): Promise<void> {
  if (!webhookTypes.includes(ORD_WEBHOOK)) return;
  const existing = await tx.scheduledOperation.findFirst({ where: { resourceId: applicationId, operationType: "ORD_AGGREGATION" }, select: { id: true } });
  if (existing) return;
  await tx.scheduledOperation.create({ data: { id: newId(), operationType: "ORD_AGGREGATION", resourceType: "APPLICATION", resourceId: applicationId } });
}

/** An application being removed: its operations go with it. */
export async function deleteOperationsOf(tx: Tx, resourceIds: readonly string[]): Promise<void> {
  if (resourceIds.length) await tx.scheduledOperation.deleteMany({ where: { resourceId: { in: [...resourceIds] } } });
}
