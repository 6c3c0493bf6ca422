import { processSlots } from "./process-slots";
/**
 * Where the code counts things for /metrics (server/metrics.ts). Without
 * METRICS_PORT no sink is installed and each call is one property read of
 * undefined: nothing is counted, nothing is loaded (prom-client is imported
 * by server/metrics.ts only when metrics are on).
 *
 * Every label value passed here must come from a fixed set (route names,
 * RFC error codes, cache names...), never from the request: a client must not
 * be able to add a time series per request.
 */
export type AuthFailureKind =
  | "client_credentials" // a client id or secret refused at the token, introspection or revocation endpoint
  | "bearer_token" // an API token or access token refused (unknown, expired, revoked)
  | "password" // a failed console login
  | "session" // a session cookie that is unknown or expired
  | "client_certificate"; // a client certificate refused (expired, revoked, unknown CA, no mapping)

export type CacheName = "api_token" | "client_credential" | "revocation";

export interface MetricsSink {
  graphqlOperation(operation: string, outcome: string, seconds: number): void;
  tokenIssued(grantType: string): void;
  tokenRefused(errorCode: string): void;
  tokenRevoked(): void;
  authFailure(kind: AuthFailureKind): void;
  cacheLookup(cache: CacheName, hit: boolean): void;
  dbQuery(seconds: number): void;
}

// In the process's one shared slot (lib/process-slots.ts): every copy of this module in a process (Next bundles its own) counts into one sink.
const store = processSlots as { metrics?: MetricsSink };

const AUTH_FAILURE_KINDS: ReadonlySet<string> = new Set<AuthFailureKind>(["client_credentials", "bearer_token", "password", "session", "client_certificate"]);

/**
 * The Next.js child (server/next-server.ts) serves the console's login and
 * pages but has no metrics listener: it sends its authentication failures to
 * the parent, which counts them (server/next-proxy.ts). Rare events only: a
 * message per database query would cost more than the query.
 */
export interface MetricMessage {
  type: "compass:auth-failure";
  kind: AuthFailureKind;
}

export const isMetricMessage = (message: unknown): message is MetricMessage =>
  typeof message === "object" &&
  message !== null &&
  (message as MetricMessage).type === "compass:auth-failure" &&
  AUTH_FAILURE_KINDS.has((message as MetricMessage).kind);

/** The child's sink: authentication failures go to the parent, the rest is not counted there. */
export function relayingSink(send: (message: MetricMessage) => void): MetricsSink {
  const ignore = () => {};
  return {
    graphqlOperation: ignore,
    tokenIssued: ignore,
    tokenRefused: ignore,
    tokenRevoked: ignore,
    authFailure: (kind) => send({ type: "compass:auth-failure", kind }),
    cacheLookup: ignore,
    dbQuery: ignore,
  };
}

export function installMetricsSink(sink: MetricsSink | undefined): void {
  store.metrics = sink;
}

/** Whether a sink is installed: lets callers skip work (timing) done only for metrics. */
export const metricsOn = (): boolean => store.metrics !== undefined;

export const countGraphQLOperation = (operation: string, outcome: string, seconds: number) => store.metrics?.graphqlOperation(operation, outcome, seconds);
export const countTokenIssued = (grantType: string) => store.metrics?.tokenIssued(grantType);
export const countTokenRefused = (errorCode: string) => store.metrics?.tokenRefused(errorCode);
export const countTokenRevoked = () => store.metrics?.tokenRevoked();
export const countAuthFailure = (kind: AuthFailureKind) => store.metrics?.authFailure(kind);
export const countCacheLookup = (cache: CacheName, hit: boolean) => store.metrics?.cacheLookup(cache, hit);
export const countDbQuery = (seconds: number) => store.metrics?.dbQuery(seconds);
