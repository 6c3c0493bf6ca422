import { newId } from "../../lib/ids";
import type { AuditEvent } from "../../generated/prisma-sqlite/client";
import type { Db, Tx } from "../../lib/db";
import type { Principal } from "@/domain/principals/principal";
import { type LazyPage, afterTimeAndId, checkPageSize, decodeTimeAndIdCursor, timeAndIdCursor, toPage } from "@/domain/paging/cursor";

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId: string;
  objectLabel?: string | null;
  /** Changed fields. Callers pass only non-secret values. */
  details?: Record<string, unknown>;
}

function actorOf(actor: Principal | "SYSTEM") {
  return (
    actor === "SYSTEM"
      ? { actorType: "SYSTEM", actorId: null, actorLabel: "system", authMethod: "STARTUP" }
      : actor.kind === "USER"
        ? { actorType: "USER", actorId: actor.user.id, actorLabel: actor.user.email, authMethod: actor.authMethod }
        : actor.kind === "INTEGRATION_SYSTEM"
          ? { actorType: "INTEGRATION_SYSTEM", actorId: actor.integrationSystemId, actorLabel: actor.integrationSystemName, authMethod: actor.authMethod }
          : { actorType: actor.kind, actorId: actor.objectId, actorLabel: actor.objectName, authMethod: actor.authMethod }
  );
}

function rowOf(who: ReturnType<typeof actorOf>, entry: AuditEntry) {
  return {
    id: newId(),
    ...who,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    objectLabel: entry.objectLabel ?? null,
    details: entry.details ? JSON.stringify(entry.details) : null,
  };
}

/** Records one audit event; call it inside the transaction that makes the change. */
export async function recordAudit(tx: Tx, actor: Principal | "SYSTEM", entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({ data: rowOf(actorOf(actor), entry) });
}

/** Records several events of one change in few statements (e.g. everything a cascading delete removed). */
export async function recordAudits(tx: Tx, actor: Principal | "SYSTEM", entries: AuditEntry[]): Promise<void> {
  const who = actorOf(actor);
  // Chunks keep each statement well below the databases' bound-parameter limits.
  for (let start = 0; start < entries.length; start += 500) {
    await tx.auditEvent.createMany({ data: entries.slice(start, start + 500).map((entry) => rowOf(who, entry)) });
  }
}

const CURSOR_KIND = "auditEvents";

/** Newest first; keyset on (createdAt, id) descending. */
export async function listAuditEvents(
  db: Db,
  args: { first: number; after?: string | null; objectId?: string | null },
): Promise<LazyPage<AuditEvent>> {
  const first = checkPageSize(args.first);
  const filter = args.objectId ? { objectId: args.objectId } : {};
  const after = decodeTimeAndIdCursor(CURSOR_KIND, args.after);
  const keyset = after ? afterTimeAndId(after.createdAt, after.id, "DESC") : {};
  const rows = await db.auditEvent.findMany({
    where: { AND: [filter, keyset] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: first + 1,
  });
  return {
    ...toPage(rows, first, (row) => timeAndIdCursor(CURSOR_KIND, row)),
    countTotal: () => db.auditEvent.count({ where: filter }),
  };
}
