/**
 * What clients were told succeeded, and the check of the database against it
 * (PostgreSQL or SQLite): nothing acknowledged lost, nothing deleted back,
 * one audit event per acknowledged write.
 */
import { check } from "./checks";
import { withPg } from "./databases";

/**
 * What the clients were told succeeded (acknowledged: a 2xx answer without
 * errors), and the writes they attempted without an answer they could rely
 * on. Checked against the database by verifyLedger().
 */
export class Ledger {
  /** Integration systems acknowledged as created: id → name. */
  created = new Map<string, string>();
  deletedSystems = new Set<string>();
  /** Credentials acknowledged as generated: client id → system id. */
  generated = new Map<string, string>();
  deletedCredentials = new Set<string>();
  /** One entry per acknowledged mutation: action, object id and, for credentials, the client id. */
  audit: string[] = [];
  /** Names of creates that got no acknowledgement (error, 5xx): they may or may not have happened. */
  unacknowledgedCreates: string[] = [];
  /** Mutations of any kind that got no acknowledgement. */
  unacknowledged = 0;
  /**
   * Systems and credentials whose delete got no acknowledgement (the instance
   * died or the database went away mid-request): gone or not, either is right.
   * Their clients stop using them, since a retry could only answer NOT_FOUND.
   */
  maybeDeletedSystems = new Set<string>();
  maybeDeletedCredentials = new Set<string>();
}

export const auditKey = (action: string, objectId: string, clientId?: string) => `${action} ${objectId} ${clientId ?? ""}`;

/**
 * Checks the database against what clients were told (PostgreSQL or SQLite
 * through `query`): every acknowledged create exists unless its delete was
 * acknowledged, every acknowledged delete is gone, no credential outlives its
 * integration system, and the audit log holds exactly one event per
 * acknowledged mutation. Events beyond those may only come from mutations
 * that got no acknowledgement (a crash or outage mid-request), at most one
 * each; and a create that got none exists exactly when its audit event does.
 */
export async function verifyLedger(label: string, ledger: Ledger, query: (sql: string) => Promise<Record<string, unknown>[]>): Promise<boolean> {
  const systems = new Map((await query(`SELECT "id", "name" FROM "IntegrationSystem"`)).map((row) => [row.id as string, row.name as string]));
  const credentials = new Map(
    (await query(`SELECT "id", "integrationSystemId" FROM "SystemAuth"`)).map((row) => [row.id as string, row.integrationSystemId as string]),
  );
  const events = await query(
    `SELECT "action", "objectId", "objectLabel", "details" FROM "AuditEvent" WHERE "action" IN ('INTEGRATION_SYSTEM_CREATED', 'INTEGRATION_SYSTEM_DELETED', 'CLIENT_CREDENTIALS_GENERATED', 'CLIENT_CREDENTIALS_DELETED')`,
  );
  let ok = true;

  const missingCreates = [...ledger.created.keys()].filter((id) => !ledger.deletedSystems.has(id) && !ledger.maybeDeletedSystems.has(id) && !systems.has(id));
  const presentDeletes = [...ledger.deletedSystems].filter((id) => systems.has(id));
  ok =
    check(
      `${label}: every acknowledged create of an integration system exists, every acknowledged delete is gone`,
      missingCreates.length === 0 && presentDeletes.length === 0,
      `${ledger.created.size} created, ${ledger.deletedSystems.size} deleted; missing ${missingCreates.length}, still present ${presentDeletes.length}`,
    ) && ok;

  const liveCredential = (clientId: string) => !ledger.deletedCredentials.has(clientId) && !ledger.deletedSystems.has(ledger.generated.get(clientId)!);
  const maybeDeleted = (clientId: string) => ledger.maybeDeletedCredentials.has(clientId) || ledger.maybeDeletedSystems.has(ledger.generated.get(clientId)!);
  const missingCredentials = [...ledger.generated.keys()].filter((id) => liveCredential(id) && !maybeDeleted(id) && !credentials.has(id));
  const presentCredentials = [...ledger.generated.keys()].filter((id) => !liveCredential(id) && credentials.has(id));
  ok =
    check(
      `${label}: every acknowledged credential exists, every deleted one is gone`,
      missingCredentials.length === 0 && presentCredentials.length === 0,
      `${ledger.generated.size} generated, ${ledger.deletedCredentials.size} deleted directly; missing ${missingCredentials.length}, still present ${presentCredentials.length}`,
    ) && ok;

  const orphans = [...credentials.values()].filter((systemId) => !systems.has(systemId)).length;
  ok = check(`${label}: no credential without its integration system`, orphans === 0, `${orphans} orphaned of ${credentials.size}`) && ok;

  const counts = new Map<string, number>();
  for (const event of events) {
    const details = event.details ? (JSON.parse(event.details as string) as { clientId?: string }) : {};
    const clientId = String(event.action).startsWith("CLIENT_CREDENTIALS") ? details.clientId : undefined;
    const key = auditKey(event.action as string, event.objectId as string, clientId);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const expected = new Set(ledger.audit);
  const notOnce = ledger.audit.filter((key) => counts.get(key) !== 1);
  const extra = [...counts].filter(([key]) => !expected.has(key)).reduce((sum, [, count]) => sum + count, 0);
  ok =
    check(
      `${label}: exactly one audit event per acknowledged mutation`,
      notOnce.length === 0 && ledger.audit.length === expected.size && extra <= ledger.unacknowledged,
      `${ledger.audit.length} acknowledged mutations, ${notOnce.length} without exactly one event; ${extra} further events for ${ledger.unacknowledged} unacknowledged attempts`,
    ) && ok;

  if (ledger.unacknowledgedCreates.length > 0) {
    const names = new Set(systems.values());
    const audited = new Set(events.filter((event) => event.action === "INTEGRATION_SYSTEM_CREATED").map((event) => event.objectLabel as string));
    const deletedNames = new Set(events.filter((event) => event.action === "INTEGRATION_SYSTEM_DELETED").map((event) => event.objectLabel as string));
    const torn = ledger.unacknowledgedCreates.filter((name) => !deletedNames.has(name) && names.has(name) !== audited.has(name));
    ok =
      check(
        `${label}: an unacknowledged create either happened with its audit event or not at all`,
        torn.length === 0,
        `${ledger.unacknowledgedCreates.length} unacknowledged creates, ${ledger.unacknowledgedCreates.filter((name) => names.has(name)).length} of them committed, ${torn.length} torn`,
      ) && ok;
  }
  return ok;
}

/** verifyLedger() against a PostgreSQL database. */
export function verifyLedgerOnPostgres(label: string, ledger: Ledger, url: string): Promise<boolean> {
  return withPg(url, (client) => verifyLedger(label, ledger, async (sql) => (await client.query(sql)).rows));
}
