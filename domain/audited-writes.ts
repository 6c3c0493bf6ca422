import type { Db, Tx } from "@/lib/db";
import { transactionRefusingDuplicates } from "@/lib/db-errors";
import type { AuditActor } from "@/domain/audit/audit.service";
import { notFound } from "@/domain/errors";

/** A kind of global object (no tenant) as `createAudited` and `updateAudited` write it. */
export interface AuditedKind<Row> {
  /** In messages: "integration system". */
  noun: string;
  /** The audit events' actions, e.g. INTEGRATION_SYSTEM_CREATED and INTEGRATION_SYSTEM_UPDATED. */
  actions: { created: string; updated: string };
  find: (tx: Tx, id: string) => Promise<Row | null>;
  /** The kind's auditor (`auditorOf`). */
  audit: (tx: Tx, actor: AuditActor, action: string, row: Row, details: Record<string, unknown>) => Promise<unknown>;
  /** What the audit events record of a row. */
  auditedFields: (row: Row) => Record<string, unknown>;
}

/** Compass's create of a global object, in one transaction: `duplicate()` when it takes a unique value another holds; audited with its fields. */
export function createAudited<Row>(db: Db, actor: AuditActor, kind: AuditedKind<Row>, create: (tx: Tx) => Promise<Row>, duplicate: () => Error): Promise<Row> {
  return transactionRefusingDuplicates(
    db,
    async (tx) => {
      const row = await create(tx);
      await kind.audit(tx, actor, kind.actions.created, row, kind.auditedFields(row));
      return row;
    },
    duplicate,
  );
}

/**
 * Compass's update of a global object by id, in one transaction: NOT_FOUND
 * when `id` names none, `duplicate()` when the update takes a unique value
 * another holds; audited with its fields before and after.
 */
export function updateAudited<Row>(
  db: Db,
  actor: AuditActor,
  id: string,
  kind: AuditedKind<Row>,
  update: (tx: Tx) => Promise<Row>,
  duplicate: () => Error,
): Promise<Row> {
  return transactionRefusingDuplicates(
    db,
    async (tx) => {
      const before = await kind.find(tx, id);
      if (!before) throw notFound(kind.noun, id, "updating it");
      const row = await update(tx);
      await kind.audit(tx, actor, kind.actions.updated, row, { before: kind.auditedFields(before), after: kind.auditedFields(row) });
      return row;
    },
    duplicate,
  );
}
