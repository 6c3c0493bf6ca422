import type { Config } from "@/lib/config";
import type { Db, RawReader, Tx } from "@/lib/db";
import type { ApiTokenCache } from "@/domain/api-tokens/api-token-cache";
import type { LoginThrottles } from "@/domain/users/login-throttles";

/**
 * One database's in-memory state, as domain/ and both ways in see it: the
 * client, its prepared reader, the configuration, the API-token cache and the
 * sign-in throttles. app/instance.ts builds it (with the authorization
 * server's keys and client registry, which domain/ does not know) and closes
 * it; docs/decisions/0027-one-instance-per-database.md says why one object.
 *
 * Per database, not per process, so that tests with several databases in one
 * process keep their caches and throttles apart.
 */
export interface Instance {
  readonly db: Db;
  /** Prepared statements for the hottest reads (lib/db.ts); never used inside a transaction. */
  readonly reader: RawReader;
  readonly config: Config;
  readonly apiTokens: ApiTokenCache;
  readonly logins: LoginThrottles;
  /**
   * After a commit that deleted credentials: the authorization server drops
   * them, so this process refuses their tokens at once (other instances
   * within a second, docs/decisions/0004).
   */
  forgetCredentials(clientIds: readonly string[]): void;
}

// The one way from a client to its instance. Domain services are called with
// a client (or a transaction's) by every way in, by scripts and by tests; the
// few that touch in-memory state (a revocation forgets a cached token, a hot
// read uses the prepared reader) find it here, with one lookup, as they found
// each cache before. Services the ways in call with the instance itself
// (authenticate, login) take it as a parameter instead.
const instances = new WeakMap<Db, Instance>();

/** Called once by whoever builds the instance (app/instance.ts, test doubles). */
export function registerInstance(instance: Instance): void {
  instances.set(instance.db, instance);
}

/** The instance of a client, or null for a client no instance holds (a test double) and for a transaction's. */
export function instanceOf(db: Db | Tx): Instance | null {
  return instances.get(db as Db) ?? null;
}

/** The prepared-statement reader of an instance's client; null for any other client and inside transactions. */
export function rawReader(db: Db | Tx): RawReader | null {
  return instances.get(db as Db)?.reader ?? null;
}
