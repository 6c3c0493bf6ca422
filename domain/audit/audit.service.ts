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

/**
 * The security events (recorded by domain/users): who signed in, failed to,
 * signed out, whose session was ended, whose password changed. Token issuance
 * is left out (volume), as decided.
 */
export const SECURITY_ACTIONS = [
  "USER_SIGNED_IN",
  "USER_SIGN_IN_FAILED",
  "USER_SIGNED_OUT",
  "SESSION_ENDED",
  "PASSWORD_CHANGED",
  "PASSWORD_RESET_LINK_CREATED",
] as const;

/** How someone proved who they are when signing in. */
export type SignInMethod = "PASSWORD" | "SETUP_LINK" | "RESET_LINK";

/**
 * Someone proving who they are, before any session exists: a sign-in, or a
 * one-time link used. `userId` is null when no account matched (a failed
 * sign-in with an unknown email, whose text is not kept: it may be a password
 * typed in the wrong field).
 */
export interface SignInActor {
  kind: "SIGN_IN";
  userId: string | null;
  label: string;
  method: SignInMethod;
}

export const UNKNOWN_ACCOUNT_LABEL = "unknown account";

export function signInActor(user: { id: string; email: string } | null, method: SignInMethod): SignInActor {
  return { kind: "SIGN_IN", userId: user?.id ?? null, label: user?.email ?? UNKNOWN_ACCOUNT_LABEL, method };
}

export type AuditActor = Principal | SignInActor | "SYSTEM";

function actorOf(actor: AuditActor) {
  return (
    actor === "SYSTEM"
      ? { actorType: "SYSTEM", actorId: null, actorLabel: "system", authMethod: "STARTUP" }
      : actor.kind === "SIGN_IN"
        ? { actorType: "USER", actorId: actor.userId, actorLabel: actor.label, authMethod: actor.method }
        : actor.kind === "USER"
          ? { actorType: "USER", actorId: actor.user.id, actorLabel: actor.user.email, authMethod: actor.authMethod }
          : { actorType: "INTEGRATION_SYSTEM", actorId: actor.integrationSystemId, actorLabel: actor.integrationSystemName, authMethod: actor.authMethod }
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
export async function recordAudit(tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({ data: rowOf(actorOf(actor), entry) });
}

/** Records several events of one change in few statements (e.g. everything a cascading delete removed). */
export async function recordAudits(tx: Tx, actor: AuditActor, entries: AuditEntry[]): Promise<void> {
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
