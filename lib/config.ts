import fs from "node:fs";
import path from "node:path";
import { SCOPES, parseScopes, scopesOutside } from "./scopes";
import { type AllowedHosts, defaultAllowedHosts, parseAllowedHosts, parseHost } from "./hosts";
import { NO_WEBHOOK_EXCEPTIONS, type WebhookHostPolicy, parseWebhookAllowedHosts } from "./webhook-hosts";

/**
 * Every setting the server reads from the environment, parsed once. The README's
 * configuration table documents each of these; keep the two in step.
 */
export type DatabaseProvider = "sqlite" | "postgresql";

export interface Config {
  databaseUrl: string;
  provider: DatabaseProvider;
  /** Absolute path of the SQLite file (only for the sqlite provider). */
  sqlitePath: string | null;
  port: number;
  host: string;
  /** Fixed public origin (no trailing slash), or null to use each request's own. */
  publicUrl: string | null;
  /** PostgreSQL connections per instance (DATABASE_POOL_SIZE). */
  databasePoolSize: number;
  /** SECRET_KEY decoded, or null: generated beside the SQLite file (lib/secret-key.ts); required with PostgreSQL. */
  secretKey: Buffer | null;
  /** Trust X-Forwarded-* headers for the client address and origin. */
  trustProxy: boolean;
  /**
   * The Host headers served (lib/hosts.ts): ALLOWED_HOSTS, else this machine's
   * own names; PUBLIC_URL's host always. Any other gets 421.
   */
  allowedHosts: AllowedHosts;
  adminEmail: string | null;
  adminPassword: string | null;
  sessionTtlHours: number;
  /** A session unused this long ends, whatever its absolute lifetime left. */
  sessionIdleTimeoutMinutes: number;
  maxBodyBytes: number;
  graphqlMaxDepth: number;
  graphqlMaxCost: number;
  logLevel: "debug" | "info" | "warn" | "error";
  /** Lifetime of OAuth2 access tokens. */
  accessTokenTtlSeconds: number;
  /** Scopes new integration-system credentials get; never integration_system:write. */
  integrationSystemScopes: string[];
  /** SIGTERM: how long readiness fails while connections are still accepted, so the load balancer notices. */
  shutdownGraceSeconds: number;
  /** SIGTERM: how long requests in flight may take to finish after the grace period. */
  shutdownTimeoutSeconds: number;
  /** One log line per request (ACCESS_LOG=false turns it off). */
  accessLog: boolean;
  /** The metrics listener (/metrics), or null: no metrics at all. */
  metrics: { port: number; host: string } | null;
  /** OTEL_EXPORTER_OTLP_ENDPOINT (OTLP over HTTP), or null: no traces at all. */
  tracing: { endpoint: string } | null;
  /**
   * WEBHOOK_ALLOWED_HOSTS: the private hosts and ranges outbound calls may reach anyway, webhooks'
   * URLs and fetched specs alike (lib/webhook-hosts.ts, lib/outbound-fetch.ts); none by default.
   */
  webhookAllowedHosts: WebhookHostPolicy;
  /** SPEC_FETCH_ALLOW_HTTP: whether specs may be fetched over plain http (lib/outbound-fetch.ts); https only by default. */
  specFetchAllowHttp: boolean;
  /** SPEC_FETCH_TIMEOUT_MS: one spec fetch, redirects and a slow body included (default 10 s). */
  specFetchTimeoutMs: number;
  /**
   * How long one-time tokens work (Compass's defaults: 5 minutes for applications, 60 for runtimes,
   * 5 for the token the Connector's configuration hands out for signing).
   */
  oneTimeTokenTtlSeconds: { application: number; runtime: number; csr: number };
  /** The Connector: the subject of its client certificates (CN aside), their lifetime, and its CA. */
  connector: {
    subject: { organization: string; organizationalUnit: string; locality: string; province: string; country: string };
    clientCertificateTtlDays: number;
    caValidityDays: number;
    /** CONNECTOR_CA_CERT_FILE and CONNECTOR_CA_KEY_FILE: the operator's own CA, PEM; null: the product's own. */
    externalCa: { certificatePem: string; privateKeyPem: string } | null;
    /** TRUSTED_CLIENT_CA_FILE: CA certificates (PEM) of outside issuers, whose client certificates sign in through certificate subject mappings. */
    outsideCaPem: string | null;
  };
  /** TLS_PORT, TLS_CERT, TLS_KEY: a second listener, over TLS, that asks for client certificates; null: none. */
  tls: { port: number; certificatePem: string; privateKeyPem: string } | null;
}

/** A PEM file named by `name`, or null when unset; a file that cannot be read, or is no PEM of `kind`, stops start-up naming it. */
function pemFileFromEnv(name: string, kind: "CERTIFICATE" | "PRIVATE KEY"): string | null {
  const file = process.env[name]?.trim();
  if (!file) return null;
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`${name}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  if (!text.includes(`-----BEGIN ${kind}-----`))
    throw new Error(`${name}: ${file} holds no PEM "${kind}"${kind === "PRIVATE KEY" ? " (an unencrypted PKCS #8 key)" : ""}`);
  return text;
}

/** A pair of settings given together or not at all. */
function pairFromEnv(first: [string, "CERTIFICATE" | "PRIVATE KEY"], second: [string, "CERTIFICATE" | "PRIVATE KEY"]): [string, string] | null {
  const a = pemFileFromEnv(...first);
  const b = pemFileFromEnv(...second);
  if ((a === null) !== (b === null)) throw new Error(`${first[0]} and ${second[0]} go together: set both or neither`);
  return a !== null && b !== null ? [a, b] : null;
}

function subjectPartFromEnv(name: string, fallback: string): string {
  const value = process.env[name]?.trim() || fallback;
  if (/[,+=\\"<>;]/.test(value) || value.length > 64) throw new Error(`${name} must be at most 64 characters without , + = \\ " < > ;`);
  return value;
}

function connectorFromEnv(): Config["connector"] {
  const country = subjectPartFromEnv("CONNECTOR_SUBJECT_COUNTRY", "PL");
  if (!/^[A-Z]{2}$/.test(country)) throw new Error("CONNECTOR_SUBJECT_COUNTRY must be a two-letter country code, such as DE");
  const externalCa = pairFromEnv(["CONNECTOR_CA_CERT_FILE", "CERTIFICATE"], ["CONNECTOR_CA_KEY_FILE", "PRIVATE KEY"]);
  return {
    // Compass's Connector defaults.
    subject: {
      organization: subjectPartFromEnv("CONNECTOR_SUBJECT_ORGANIZATION", "Org"),
      organizationalUnit: subjectPartFromEnv("CONNECTOR_SUBJECT_ORGANIZATIONAL_UNIT", "OrgUnit"),
      locality: subjectPartFromEnv("CONNECTOR_SUBJECT_LOCALITY", "Locality"),
      province: subjectPartFromEnv("CONNECTOR_SUBJECT_PROVINCE", "State"),
      country,
    },
    clientCertificateTtlDays: intFromEnv("CLIENT_CERTIFICATE_TTL_DAYS", 90, 1, 825),
    caValidityDays: intFromEnv("CONNECTOR_CA_VALIDITY_DAYS", 3650, 30, 36500),
    externalCa: externalCa && { certificatePem: externalCa[0], privateKeyPem: externalCa[1] },
    outsideCaPem: pemFileFromEnv("TRUSTED_CLIENT_CA_FILE", "CERTIFICATE"),
  };
}

function tlsFromEnv(): Config["tls"] {
  const pair = pairFromEnv(["TLS_CERT", "CERTIFICATE"], ["TLS_KEY", "PRIVATE KEY"]);
  const port = process.env.TLS_PORT?.trim();
  if (!port && !pair) return null;
  if (!port || !pair) throw new Error("TLS_PORT, TLS_CERT and TLS_KEY go together: set all three or none");
  return { port: intFromEnv("TLS_PORT", 0, 0, 65535), certificatePem: pair[0], privateKeyPem: pair[1] };
}

const DEFAULT_DATABASE_URL = "file:./data/compass.db";

/** docs/design.md's default set for integration systems' credentials. */
export const DEFAULT_INTEGRATION_SYSTEM_SCOPES: string[] = [SCOPES.integrationSystemRead, SCOPES.applicationRead, SCOPES.applicationWrite, SCOPES.tenantRead];
/**
 * What an integration system may be granted at all: writing integration
 * systems and label definitions is for people (a definition binds every
 * object of the tenant, not only those a system manages; docs/design.md).
 */
export const GRANTABLE_INTEGRATION_SYSTEM_SCOPES: string[] = [
  ...DEFAULT_INTEGRATION_SYSTEM_SCOPES,
  SCOPES.integrationSystemAuthsRead,
  // An integration system may manage the runtimes it registers, and read its tenants' label definitions.
  SCOPES.runtimeRead,
  SCOPES.runtimeWrite,
  SCOPES.labelDefinitionRead,
  // Publishing application templates of its own (Compass's integration systems do).
  SCOPES.applicationTemplateRead,
  SCOPES.applicationTemplateWrite,
  // Compass's integration systems (its provisioners and operators) write formation templates, formations and constraints.
  SCOPES.formationTemplateRead,
  SCOPES.formationTemplateWrite,
  SCOPES.formationRead,
  SCOPES.formationWrite,
  SCOPES.formationConstraintRead,
  SCOPES.formationConstraintWrite,
  // Only when the operator lists it: the integration system that keeps tenants in step (decision 0017).
  SCOPES.tenantWrite,
];

const MIN_SECRET_BYTES = 32;

/** SECRET_KEY's bytes, hex or base64; `source` names where it came from in the error. */
export function decodeSecretKey(raw: string, source = "SECRET_KEY"): Buffer {
  const text = raw.trim();
  const bytes = /^[0-9a-fA-F]+$/.test(text) && text.length % 2 === 0 ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new Error(`${source} must hold at least ${MIN_SECRET_BYTES} random bytes, hex or base64 encoded`);
  }
  return bytes;
}

function scopesFromEnv(name: string): string[] {
  const raw = process.env[name]?.trim();
  if (!raw) return DEFAULT_INTEGRATION_SYSTEM_SCOPES;
  const scopes = parseScopes(raw, /[\s,]+/);
  const refused = scopesOutside(scopes, GRANTABLE_INTEGRATION_SYSTEM_SCOPES);
  if (refused.length > 0) {
    throw new Error(`${name} may only hold ${GRANTABLE_INTEGRATION_SYSTEM_SCOPES.join(", ")}; refused: ${refused.join(", ")}`);
  }
  return scopes;
}

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function booleanFromEnv(name: string, fallback: boolean): boolean {
  const raw = process.env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (raw === "true" || raw === "1") return true;
  if (raw === "false" || raw === "0") return false;
  throw new Error(`${name} must be true or false, got "${process.env[name]}"`);
}

/** METRICS_PORT turns metrics on; METRICS_HOST (default loopback) is where they listen. */
function metricsFromEnv(port: number): Config["metrics"] {
  const host = process.env.METRICS_HOST?.trim();
  if (process.env.METRICS_PORT === undefined || process.env.METRICS_PORT === "") {
    if (host) throw new Error("METRICS_HOST is set but METRICS_PORT is not: set both, or neither for no metrics");
    return null;
  }
  const metricsPort = intFromEnv("METRICS_PORT", 0, 1, 65535);
  if (metricsPort === port) throw new Error(`METRICS_PORT must differ from PORT (${port}): metrics are never served on the public port`);
  return { port: metricsPort, host: host || "127.0.0.1" };
}

/** OTEL_EXPORTER_OTLP_ENDPOINT turns traces on; the exporter itself reads it (and the other OTEL_* variables). */
function tracingFromEnv(): Config["tracing"] {
  const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!endpoint) return null;
  if (!/^https?:\/\/[^/]+(\/.*)?$/.test(endpoint)) throw new Error(`OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http(s) URL, got "${endpoint}"`);
  return { endpoint };
}

function allowedHostsFromEnv(publicUrl: string | null): AllowedHosts {
  const raw = process.env.ALLOWED_HOSTS?.trim();
  const allowed = raw ? parseAllowedHosts(raw) : defaultAllowedHosts();
  if (allowed === "any" || !publicUrl) return allowed;
  // PUBLIC_URL's host is always served, on any port: the port a proxy in
  // front forwards to need not be the public one.
  const own = parseHost(new URL(publicUrl).host);
  return own ? [...allowed, { hostname: own.hostname, port: null }] : allowed;
}

export function providerOf(databaseUrl: string): DatabaseProvider {
  if (/^postgres(ql)?:\/\//i.test(databaseUrl)) return "postgresql";
  if (databaseUrl.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)`);
}

export function sqlitePathOf(databaseUrl: string): string {
  const file = databaseUrl.slice("file:".length).split("?")[0];
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}

function readConfig(): Config {
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const provider = providerOf(databaseUrl);
  const publicUrl = process.env.PUBLIC_URL?.trim() || null;
  if (publicUrl && !/^https?:\/\/[^/]+(\/.*)?$/.test(publicUrl)) {
    throw new Error(`PUBLIC_URL must be an absolute http(s) URL, got "${publicUrl}"`);
  }
  const allowedHosts = allowedHostsFromEnv(publicUrl);
  const logLevel = (process.env.LOG_LEVEL ?? "info") as Config["logLevel"];
  if (!["debug", "info", "warn", "error"].includes(logLevel)) {
    throw new Error(`LOG_LEVEL must be debug, info, warn or error`);
  }
  const port = intFromEnv("PORT", 3000, 0, 65535);
  return {
    databaseUrl,
    provider,
    sqlitePath: provider === "sqlite" ? sqlitePathOf(databaseUrl) : null,
    port,
    host: process.env.HOST || "0.0.0.0",
    publicUrl: publicUrl ? publicUrl.replace(/\/+$/, "") : null,
    databasePoolSize: intFromEnv("DATABASE_POOL_SIZE", 10, 1, 1000),
    secretKey: process.env.SECRET_KEY ? decodeSecretKey(process.env.SECRET_KEY) : null,
    trustProxy: booleanFromEnv("TRUST_PROXY", false),
    allowedHosts,
    adminEmail: process.env.ADMIN_EMAIL?.trim() || null,
    adminPassword: process.env.ADMIN_PASSWORD || null,
    sessionTtlHours: intFromEnv("SESSION_TTL_HOURS", 12, 1, 24 * 30),
    sessionIdleTimeoutMinutes: intFromEnv("SESSION_IDLE_TIMEOUT_MINUTES", 120, 1, 24 * 30 * 60),
    maxBodyBytes: intFromEnv("MAX_BODY_BYTES", 100 * 1024, 1024, 10 * 1024 * 1024),
    graphqlMaxDepth: intFromEnv("GRAPHQL_MAX_DEPTH", 15, 3, 100),
    graphqlMaxCost: intFromEnv("GRAPHQL_MAX_COST", 65000, 100, 10_000_000),
    logLevel,
    accessTokenTtlSeconds: intFromEnv("ACCESS_TOKEN_TTL_SECONDS", 3600, 60, 24 * 3600),
    integrationSystemScopes: scopesFromEnv("INTEGRATION_SYSTEM_SCOPES"),
    shutdownGraceSeconds: intFromEnv("SHUTDOWN_GRACE_SECONDS", 5, 0, 300),
    shutdownTimeoutSeconds: intFromEnv("SHUTDOWN_TIMEOUT_SECONDS", 20, 1, 3600),
    accessLog: booleanFromEnv("ACCESS_LOG", true),
    metrics: metricsFromEnv(port),
    tracing: tracingFromEnv(),
    webhookAllowedHosts: process.env.WEBHOOK_ALLOWED_HOSTS?.trim() ? parseWebhookAllowedHosts(process.env.WEBHOOK_ALLOWED_HOSTS) : NO_WEBHOOK_EXCEPTIONS,
    specFetchAllowHttp: booleanFromEnv("SPEC_FETCH_ALLOW_HTTP", false),
    oneTimeTokenTtlSeconds: {
      application: intFromEnv("ONE_TIME_TOKEN_APPLICATION_TTL_SECONDS", 300, 30, 24 * 3600),
      runtime: intFromEnv("ONE_TIME_TOKEN_RUNTIME_TTL_SECONDS", 3600, 30, 24 * 3600),
      csr: intFromEnv("CONNECTOR_CSR_TOKEN_TTL_SECONDS", 300, 30, 3600),
    },
    connector: connectorFromEnv(),
    tls: tlsFromEnv(),
    specFetchTimeoutMs: intFromEnv("SPEC_FETCH_TIMEOUT_MS", 10_000, 100, 120_000),
  };
}

// A plain module variable: every copy of this module (Next bundles its own)
// reads the same environment to the same values, so copies need not share it.
let current: Config | null = null;

/** The process's configuration; read on first use. The instance (app/instance.ts) hands it on. */
export function getConfig(): Config {
  return (current ??= readConfig());
}

/** Tests and scripts that change the environment call this to re-read it. */
export function resetConfig(): void {
  current = null;
}
