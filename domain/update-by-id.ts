import type { Db, Tx } from "@/lib/db";
import { transactionRefusingDuplicates } from "@/lib/db-errors";
import type { AuditActor } from "@/domain/audit/audit.service";
import { notFound } from "@/domain/errors";

/** A kind of global object (no tenant) as `updateById` updates it. */
export interface UpdatedKind<Row> {
  /** In messages: "integration system". */
  noun: string;
  /** The audit event's action, e.g. INTEGRATION_SYSTEM_UPDATED. */
  action: string;
  find: (tx: Tx, id: string) => Promise<Row | null>;
  /** The kind's auditor (`auditorOf`). */
  audit: (tx: Tx, actor: AuditActor, action: string, row: Row, details: Record<string, unknown>) => Promise<unknown>;
  /** What the audit event records of the row, before and after. */
  auditedFields: (row: Row) => Record<string, unknown>;
}

/**
 * Compass's update of one global object by id, in one transaction: NOT_FOUND
 * when `id` names none, `duplicate()` when the update takes a unique value
 * another holds, and audited with its fields before and after.
 */
export function updateById<Row>(
  db: Db,
  actor: AuditActor,
  id: string,
  kind: UpdatedKind<Row>,
  update: (tx: Tx) => Promise<Row>,
  duplicate: () => Error,
): Promise<Row> {
  return transactionRefusingDuplicates(
    db,
    async (tx) => {
      const before = await kind.find(tx, id);
      if (!before) throw notFound(kind.noun, id, "updating it");
      const row = await update(tx);
      await kind.audit(tx, actor, kind.action, row, { before: kind.auditedFields(before), after: kind.auditedFields(row) });
      return row;
    },
    duplicate,
  );
}
