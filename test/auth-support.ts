/**
 * What the auth test files share: a snapshot of every table a call could
 * change, callers with a cached password hash, logins from addresses of
 * their own, and the session and cookie helpers.
 */
import assert from "node:assert/strict";
import { POST as loginRoute } from "@/app/api/auth/login/route";
import { SESSION_COOKIE, createSession } from "@/domain/users/session.service";
import { hashPassword } from "@/lib/crypto";
import { newId } from "@/lib/ids";
import { type Caller, type GraphQLResponse, PASSWORD, TEST_ORIGIN, type TestApp, callerToken, onlyError, recordSecret } from "./harness";

export type Role = "ADMIN" | "VIEWER";
export const VIEWER_QUERY = `{ viewer { kind role authMethod scopes user { id email role } } }`;

export function assertUnauthenticated(response: GraphQLResponse) {
  assert.equal(response.status, 401, JSON.stringify(response.body));
  assert.equal(onlyError(response).extensions.code, "UNAUTHENTICATED");
  assert.equal(response.body.data, undefined);
}

/** The `name=value` part of the response's Set-Cookie, for a Cookie header. */
export function cookieOf(response: Response): string {
  const setCookie = response.headers.get("set-cookie");
  assert.ok(setCookie, "expected a Set-Cookie header");
  const pair = setCookie.split(";")[0];
  recordSecret(pair.slice(pair.indexOf("=") + 1));
  return pair;
}

export function postJson(handler: (request: Request) => Promise<Response>, path: string, body: unknown, headers: Record<string, string> = {}) {
  return handler(
    new Request(`${TEST_ORIGIN}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    }),
  );
}

export function authSupport(app: TestApp) {
  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${++counter}-${Date.now().toString(36)}`;

  /** Every table a call could change; lastUsedAt is left out (token use writes it). */
  async function snapshot() {
    const byId = { orderBy: { id: "asc" as const } };
    const [systems, auths, users, tokens, sessions, setupTokens, audit, tenants, applications, webhooks, oneTimeTokens, subjectMappings, certificates] =
      await Promise.all([
        app.db.integrationSystem.findMany({ ...byId, select: { id: true, name: true, description: true, updatedAt: true } }),
        app.db.systemAuth.findMany({ ...byId, select: { id: true, integrationSystemId: true, secretHash: true } }),
        app.db.user.findMany({ ...byId, select: { id: true, email: true, role: true, passwordHash: true } }),
        app.db.apiToken.findMany({ ...byId, select: { id: true, name: true, userId: true, expiresAt: true } }),
        app.db.session.findMany({ ...byId, select: { id: true, expiresAt: true } }),
        app.db.setupToken.count(),
        app.db.auditEvent.count(),
        app.db.tenant.findMany({ ...byId, select: { id: true, externalId: true, name: true } }),
        app.db.application.findMany({ ...byId, select: { id: true, tenantId: true, name: true, description: true } }),
        app.db.webhook.findMany({ ...byId, select: { id: true, url: true, authSealed: true } }),
        app.db.oneTimeToken.findMany({ ...byId, select: { id: true, usedAt: true } }),
        app.db.certificateSubjectMapping.findMany({ ...byId }),
        app.db.issuedCertificate.findMany({ orderBy: { serial: "asc" }, select: { serial: true, revokedAt: true } }),
      ]);
    return { systems, auths, users, tokens, sessions, setupTokens, audit, tenants, applications, webhooks, oneTimeTokens, subjectMappings, certificates };
  }

  async function assertUnchanged(before: Awaited<ReturnType<typeof snapshot>>, what: string) {
    assert.deepEqual(await snapshot(), before, `${what} must change nothing`);
  }

  let passwordHash: Promise<string> | null = null;
  /**
   * Like app.newCaller, but with the password hash computed once for the whole
   * file: scrypt is slow by design, and logins pay it often enough.
   */
  async function newCaller(role: Role): Promise<Caller> {
    const user = await app.db.user.create({
      data: { id: newId(), email: `${unique(role.toLowerCase())}@example.test`, passwordHash: await (passwordHash ??= hashPassword(PASSWORD)), role },
    });
    return { user, ...(await callerToken(app.db, user)) };
  }

  let addresses = 0;
  /** A client address of its own, so one test's failures never throttle another's logins. */
  const newAddress = () => `198.51.${Math.floor(++addresses / 250)}.${addresses % 250}`;

  function login(email: string, password: string, address: string) {
    recordSecret(password);
    return postJson(loginRoute, "/api/auth/login", { email, password }, { "x-compass-client-address": address });
  }

  async function loginCookie(caller: Caller): Promise<string> {
    const response = await login(caller.user.email, PASSWORD, newAddress());
    assert.equal(response.status, 204);
    return cookieOf(response);
  }

  const sessions: Partial<Record<Role, string>> = {};
  /** A session cookie of the file's ADMIN or VIEWER, made directly so as not to spend the login throttle's budget. */
  async function sessionOf(role: Role): Promise<string> {
    const caller = role === "ADMIN" ? app.admin : app.viewer;
    if (!sessions[role]) {
      const { cookieValue } = await createSession(app.db, caller.user.id, 1);
      recordSecret(cookieValue);
      sessions[role] = `${SESSION_COOKIE}=${cookieValue}`;
    }
    return sessions[role];
  }

  return { unique, snapshot, assertUnchanged, newCaller, newAddress, login, loginCookie, sessionOf };
}
