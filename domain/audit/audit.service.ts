import { newId } from "@/lib/ids";
import type { AuditEvent } from "@/generated/prisma-sqlite/client";
import type { Db, Tx } from "@/lib/db";
import type { Principal } from "@/domain/principals/principal";
import { type LazyPage, checkPageSize } from "@/domain/paging/cursor";
import { BY_CREATED_AT, keyset, keysetPage } from "@/domain/paging/keyset";
import { lowerContainsSql } from "@/domain/paging/search";
import { Prisma } from "@/generated/prisma-sqlite/client";
import { badInput } from "@/domain/errors";

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
  return actor === "SYSTEM"
    ? { actorType: "SYSTEM", actorId: null, actorLabel: "system", authMethod: "STARTUP" }
    : actor.kind === "SIGN_IN"
      ? { actorType: "USER", actorId: actor.userId, actorLabel: actor.label, authMethod: actor.method }
      : actor.kind === "USER"
        ? { actorType: "USER", actorId: actor.user.id, actorLabel: actor.user.email, authMethod: actor.authMethod }
        : actor.kind === "INTEGRATION_SYSTEM"
          ? { actorType: "INTEGRATION_SYSTEM", actorId: actor.integrationSystemId, actorLabel: actor.integrationSystemName, authMethod: actor.authMethod }
          : { actorType: actor.kind, actorId: actor.objectId, actorLabel: actor.objectName, authMethod: actor.authMethod };
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

/**
 * The recorder of one kind of object's events: its table, and what calls one
 * (its name, email or subject), so that a service says only what happened
 * and the details.
 */
export const auditorOf =
  <Row extends { id: string }>(objectType: string, labelOf: (row: Row) => string) =>
  (tx: Tx, actor: AuditActor, action: string, row: Row, details?: Record<string, unknown>) =>
    recordAudit(tx, actor, { action, objectType, objectId: row.id, objectLabel: labelOf(row), details });

/** Records several events of one change in few statements (e.g. everything a cascading delete removed). */
export async function recordAudits(tx: Tx, actor: AuditActor, entries: AuditEntry[]): Promise<void> {
  const who = actorOf(actor);
  // Chunks keep each statement well below the databases' bound-parameter limits.
  for (let start = 0; start < entries.length; start += 500) {
    await tx.auditEvent.createMany({ data: entries.slice(start, start + 500).map((entry) => rowOf(who, entry)) });
  }
}

const CURSOR_KIND = "auditEvents";

/** What the audit log may be narrowed by; every given part must hold. */
export interface AuditFilter {
  /** The actor's label (email, system name) containing it, ignoring case, or the actor's id. */
  actor?: string | null;
  /** Exactly this action, e.g. INTEGRATION_SYSTEM_CREATED. */
  action?: string | null;
  /** Exactly this object type, e.g. IntegrationSystem. */
  objectType?: string | null;
  /** The object's id, or its name at the time containing it, ignoring case. */
  object?: string | null;
  /** Events at or after this instant. */
  from?: Date | null;
  /** Events before this instant. */
  to?: Date | null;
}

const isSet = (value: string | null | undefined): value is string => !!value && value.trim() !== "";

function filterSql(filter: AuditFilter): Prisma.Sql | null {
  const parts: Prisma.Sql[] = [];
  if (isSet(filter.actor)) {
    const actor = filter.actor.trim();
    parts.push(Prisma.sql`(${lowerContainsSql("actorLabel", actor)} OR "actorId" = ${actor})`);
  }
  if (isSet(filter.action)) parts.push(Prisma.sql`"action" = ${filter.action.trim()}`);
  if (isSet(filter.objectType)) parts.push(Prisma.sql`"objectType" = ${filter.objectType.trim()}`);
  if (isSet(filter.object)) {
    const object = filter.object.trim();
    parts.push(Prisma.sql`("objectId" = ${object} OR ${lowerContainsSql("objectLabel", object)})`);
  }
  if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime()) {
    throw badInput("filter.to", "The end of the time range must come after its start");
  }
  if (filter.from) parts.push(Prisma.sql`"createdAt" >= ${filter.from}`);
  if (filter.to) parts.push(Prisma.sql`"createdAt" < ${filter.to}`);
  return parts.length ? Prisma.join(parts, " AND ") : null;
}

const BY_NEWEST = keyset<AuditEvent>(CURSOR_KIND, BY_CREATED_AT, "DESC");

/** Newest first; keyset on (createdAt, id) descending. `filter` narrows it (raw SQL, literal LIKE). */
export async function listAuditEvents(
  db: Db,
  args: { first: number; after?: string | null; objectId?: string | null; filter?: AuditFilter | null },
): Promise<LazyPage<AuditEvent>> {
  checkPageSize(args.first);
  const where = (args.filter && filterSql(args.filter)) ?? Prisma.sql`1 = 1`;
  const byObject = args.objectId ? Prisma.sql`"objectId" = ${args.objectId}` : Prisma.sql`1 = 1`;
  return keysetPage(
    db,
    { table: "AuditEvent", rowsByIds: (ids) => db.auditEvent.findMany({ where: { id: { in: ids } } }) },
    { matches: Prisma.sql`${where} AND ${byObject}`, keyset: BY_NEWEST, first: args.first, after: args.after },
  );
}

/** The most events one CSV export holds; the export says when it stopped there. */
export const CSV_EXPORT_MAX = 10_000;

const CSV_COLUMNS = ["time", "actorType", "actor", "actorId", "authMethod", "action", "objectType", "objectId", "object", "details"] as const;

/**
 * Where a spreadsheet may start a field inside a value: at its start, and, for
 * one that splits on ";" or tabs (common outside the US) and reads quotes only
 * at a field's start, after any separator, with the quotes it may skip.
 */
const FORMULA_START = /(^|[;,\t\r\n]"*)([=+\-@\t\r])/g;

/**
 * One CSV cell (RFC 4180), always quoted. Wherever a field could start inside
 * it, a formula character (=, +, -, @, tab or carriage return) gets an
 * apostrophe before it, so opening the export never executes what an actor
 * typed into a name or an email (OWASP "CSV injection"; issue 20, finding 11).
 */
export function csvCell(value: string | null | undefined): string {
  const text = (value ?? "").replace(FORMULA_START, "$1'$2");
  return `"${text.replace(/"/g, '""')}"`;
}

/** The filtered events, newest first, as CSV (CRLF line ends, a header row), up to CSV_EXPORT_MAX. */
export async function exportAuditEventsCsv(
  db: Db,
  args: { objectId?: string | null; filter?: AuditFilter | null },
): Promise<{ csv: string; rowCount: number; truncated: boolean }> {
  const lines = [CSV_COLUMNS.map(csvCell).join(",")];
  let after: string | null = null;
  let rowCount = 0;
  let truncated = false;
  for (;;) {
    const page: LazyPage<AuditEvent> = await listAuditEvents(db, { first: 200, after, objectId: args.objectId, filter: args.filter });
    for (const event of page.rows) {
      if (rowCount === CSV_EXPORT_MAX) {
        truncated = true;
        break;
      }
      const cells = [
        event.createdAt.toISOString(),
        event.actorType,
        event.actorLabel,
        event.actorId,
        event.authMethod,
        event.action,
        event.objectType,
        event.objectId,
        event.objectLabel,
        event.details,
      ];
      lines.push(cells.map(csvCell).join(","));
      rowCount++;
    }
    if (truncated || !page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { csv: `${lines.join("\r\n")}\r\n`, rowCount, truncated };
}
