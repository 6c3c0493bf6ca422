import { ApiTokenCache } from "@/domain/api-tokens/api-token-cache";
import { type Instance as DomainInstance, registerInstance } from "@/domain/instance";
import { LoginThrottles } from "@/domain/users/login-throttles";
import type { GraphQLServer } from "@/graphql/yoga";
import type { ConnectorServer } from "@/graphql/connector/connector-server";
import { type Config, getConfig } from "@/lib/config";
import { type PoolStats, openDatabase } from "@/lib/db";
import { processSlots } from "@/lib/process-slots";
import { type AuthorizationServer, createAuthorizationServer } from "@/oauth2/authorization-server";

/**
 * One database's in-memory state, whole: what domain/ sees (the client, the
 * prepared reader, the configuration, the API-token cache, the sign-in
 * throttles; domain/instance.ts), the authorization server (signing keys,
 * client registry, client throttles; oauth2/authorization-server.ts) and the
 * GraphQL server (app/graphql-server.ts). Built here only, handed to the fast path
 * (server/fast-path.ts), the route files and the test harness; close() is all
 * shutdown needs to know (docs/decisions/0027-one-instance-per-database.md).
 */
export interface Instance extends DomainInstance {
  readonly oauth2: AuthorizationServer;
  /**
   * Its GraphQL server, built on first use by graphqlServer() (app/graphql-server.ts):
   * the Next child's pages never serve GraphQL, and do not load it.
   */
  graphql: GraphQLServer | null;
  /** The Connector's GraphQL server, built on first use by connectorServer() (app/graphql-server.ts). */
  connector: ConnectorServer | null;
  /** The PostgreSQL pool's use now, for /metrics; null on SQLite. */
  poolStats(): PoolStats | null;
  /** Start-up's run (app/startup.ts), once per instance. */
  startup: Promise<void> | null;
  /**
   * Writes the batched lastUsedAt values (API tokens, credentials), then
   * disconnects the database and closes the reader: no timer of the
   * instance's is left. Safe to call twice.
   */
  close(): Promise<void>;
}

/** A new instance on `databaseUrl` (the configuration's by default). Nothing connects until the first query. */
export function createInstance(databaseUrl: string = getConfig().databaseUrl): Instance {
  const database = openDatabase(databaseUrl);
  const { db } = database;
  let closing: Promise<void> | null = null;
  // Built from the instance itself, just below.
  let oauth2: AuthorizationServer | null = null;
  const instance: Instance = {
    db,
    reader: database.reader,
    // The process's configuration as it is now: read through getConfig() (one
    // variable read) so tests that change the environment and call
    // resetConfig() see it; in production it never changes.
    get config(): Config {
      return getConfig();
    },
    apiTokens: new ApiTokenCache(db),
    logins: new LoginThrottles(),
    forgetCredentials: (clientIds) => instance.oauth2.clients.forget(clientIds),
    get oauth2(): AuthorizationServer {
      return oauth2!;
    },
    graphql: null,
    connector: null,
    poolStats: database.poolStats,
    startup: null,
    close() {
      closing ??= (async () => {
        const flushed = await Promise.allSettled([instance.apiTokens.flushLastUsed(), instance.oauth2.clients.flushLastUsed()]);
        await database.close();
        const failed = flushed.find((result) => result.status === "rejected");
        if (failed) throw failed.reason;
      })();
      return closing;
    },
  };
  oauth2 = createAuthorizationServer(instance);
  registerInstance(instance);
  return instance;
}

/**
 * The process's instance, made on first use. In the process's one globalThis
 * slot (lib/process-slots.ts says why): under `next dev` the route bundles and
 * instrumentation.ts are separate copies of this module, and must share one
 * database client and one set of caches and throttles.
 */
export function getInstance(): Instance {
  return (processSlots.instance ??= createInstance()) as Instance;
}
