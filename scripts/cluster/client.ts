/**
 * The scale-out checks' requests: GraphQL with a bearer token, token requests
 * (their answers checked field by field, not only by status), the admin's API
 * token, and integration systems with credentials.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import { type Reply, request } from "@/scripts/bench-support";
import { ADMIN, type Instance, PUBLIC_URL } from "./instances";

export interface Timed extends Reply {
  ms: number;
}

/** Keep-alive connections, as real clients and load balancers use. */
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 512 });

export async function timedRequest(port: number, options: Parameters<typeof request>[1], timeoutMs = 30_000): Promise<Timed> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const reply = await Promise.race([
    request(port, { agent: keepAlive, ...options }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
  return { ...reply, ms: performance.now() - started };
}

/** POST /api/graphql with a bearer token. */
export async function graphql(
  port: number,
  token: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Timed & { json: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } | null }> {
  const reply = await timedRequest(port, {
    method: "POST",
    path: "/api/graphql",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  let json = null;
  try {
    json = JSON.parse(reply.text);
  } catch {
    // not JSON: left null, the status tells
  }
  return { ...reply, json };
}

export interface Credential {
  clientId: string;
  clientSecret: string;
}

/**
 * What is wrong with a token endpoint's answer to `credential`, or null if it
 * is a proper one: 200, not to be cached, JSON with a Bearer token_type, a
 * positive expires_in and an ES256 JWT whose header names its key and whose
 * claims name this server (PUBLIC_URL), the client and that lifetime. The
 * signature is checked where it matters, against the instances' JWKS
 * (test-cluster.ts).
 */
function tokenProblem(reply: Reply, credential: Credential): string | null {
  if (reply.status !== 200) return `HTTP ${reply.status}`;
  if (!String(reply.headers["content-type"]).startsWith("application/json")) return `content-type ${reply.headers["content-type"]}`;
  if (reply.headers["cache-control"] !== "no-store") return `cache-control ${reply.headers["cache-control"]}`;
  let body: { access_token?: unknown; token_type?: unknown; expires_in?: unknown; scope?: unknown };
  try {
    body = JSON.parse(reply.text);
  } catch {
    return "the body is not JSON";
  }
  if (body.token_type !== "Bearer") return `token_type ${JSON.stringify(body.token_type)}`;
  if (typeof body.expires_in !== "number" || !Number.isInteger(body.expires_in) || body.expires_in <= 0) return `expires_in ${JSON.stringify(body.expires_in)}`;
  if (typeof body.scope !== "string" || body.scope === "") return `scope ${JSON.stringify(body.scope)}`;
  const parts = typeof body.access_token === "string" ? body.access_token.split(".") : [];
  if (parts.length !== 3) return "access_token is not a JWT";
  let header: { alg?: unknown; kid?: unknown };
  let claims: { iss?: unknown; client_id?: unknown; iat?: unknown; exp?: unknown; jti?: unknown };
  try {
    [header, claims] = parts.slice(0, 2).map((part) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")));
  } catch {
    return "access_token's header or claims are not JSON";
  }
  if (header.alg !== "ES256" || typeof header.kid !== "string") return `JWT header ${JSON.stringify(header)}`;
  if (claims.iss !== PUBLIC_URL) return `iss ${JSON.stringify(claims.iss)}`;
  if (claims.client_id !== credential.clientId) return "client_id is not the credential's";
  if (typeof claims.jti !== "string") return "no jti";
  if (typeof claims.iat !== "number" || claims.exp !== claims.iat + body.expires_in) return "exp is not iat + expires_in";
  return null;
}

/** POST /oauth2/token with client_secret_basic; accessToken only when tokenProblem() finds nothing wrong. */
export async function tokenRequest(port: number, credential: Credential): Promise<Timed & { accessToken: string | null; problem: string | null }> {
  const basic = Buffer.from(`${encodeURIComponent(credential.clientId)}:${encodeURIComponent(credential.clientSecret)}`).toString("base64");
  const reply = await timedRequest(port, {
    method: "POST",
    path: "/oauth2/token",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${basic}` },
    body: "grant_type=client_credentials",
  });
  const problem = tokenProblem(reply, credential);
  const accessToken = problem === null ? (JSON.parse(reply.text).access_token as string) : null;
  return { ...reply, accessToken, problem };
}

/** The OAuth2 `error` of an answer, or null when the body is not an OAuth2 error. */
export function oauthError(reply: Reply): string | null {
  try {
    const error = JSON.parse(reply.text)?.error;
    return typeof error === "string" ? error : null;
  } catch {
    return null;
  }
}

/** Logs in as the admin (from ADMIN_EMAIL/ADMIN_PASSWORD) and creates a personal API token for the checks. */
export async function adminApiToken(instance: Instance): Promise<string> {
  const login = await request(instance.port, {
    method: "POST",
    path: "/api/auth/login",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  if (login.status !== 204) throw new Error(`admin login answered ${login.status}: ${login.text}`);
  const cookie = String(login.headers["set-cookie"]?.[0] ?? "").split(";")[0];
  const created = await request(instance.port, {
    method: "POST",
    path: "/api/graphql",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ query: `mutation { createApiToken(name: "cluster checks ${randomBytes(3).toString("hex")}") { token } }` }),
  });
  const token = JSON.parse(created.text)?.data?.createApiToken?.token;
  if (!token) throw new Error(`createApiToken failed: ${created.text}`);
  return token;
}

export const CREATE_SYSTEM = `mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { id name } }`;
export const DELETE_SYSTEM = `mutation($id: ID!) { deleteIntegrationSystem(id: $id) { id } }`;
export const GENERATE_CREDENTIALS = `mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(id: $id) { id auth { credential { ... on OAuthCredentialData { clientId clientSecret } } } } }`;
export const DELETE_CREDENTIALS = `mutation($id: ID!) { deleteSystemAuthForIntegrationSystem(id: $id) { id } }`;
export const READ_SYSTEMS = `query { integrationSystems(first: 20) { data { id name } totalCount } }`;

/** Creates an integration system with credentials through `instance`; throws on any failure. */
export async function systemWithCredential(instance: Instance, apiToken: string, name: string): Promise<{ systemId: string; credential: Credential }> {
  const created = await graphql(instance.port, apiToken, CREATE_SYSTEM, { in: { name } });
  const systemId = created.json?.data?.createIntegrationSystem?.id;
  if (!systemId) throw new Error(`createIntegrationSystem failed (${created.status}): ${created.text}`);
  const generated = await graphql(instance.port, apiToken, GENERATE_CREDENTIALS, { id: systemId });
  const credential = generated.json?.data?.generateClientCredentialsForIntegrationSystem?.auth?.credential;
  if (!credential?.clientSecret) throw new Error(`generating credentials failed (${generated.status}): ${generated.text}`);
  return { systemId, credential };
}
