import { randomBytes } from "node:crypto";
import { activityResolutionMs } from "@/lib/session-timing";
import { newId } from "@/lib/ids";
import { constantTimeEqual, hmac, sha256 } from "@/lib/crypto";
import { type Db, vanished } from "@/lib/db";
import { log } from "@/lib/logger";
import { deriveKey } from "@/lib/secret-key";
import { type Principal, type UserIdentity, type UserPrincipal, userPrincipal } from "@/domain/principals/principal";
import { type SignInMethod, recordAudit, signInActor } from "@/domain/audit/audit.service";
import { notFound } from "@/domain/errors";
import { requireSelfOrAdmin, toIdentity } from "./user.service";
import { lockUser } from "./user-lock";

/**
 * Browser sessions. The cookie holds `<token>.<signature>`: the signature
 * (HMAC with a key derived from SECRET_KEY) rejects forged cookies before any
 * database read, and only the token's hash is stored.
 */
export const SESSION_COOKIE = "compass_session";
/**
 * The name over https. The browser accepts a `__Host-` cookie only when it is
 * Secure, has Path=/ and no Domain, so no other host (a sibling subdomain, a
 * plain-http page) can set or replace it: no planted session (fixation).
 */
const SECURE_SESSION_COOKIE = "__Host-compass_session";

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/**
 * The session cookie's value from a Cookie header. Over https only the
 * `__Host-` cookie counts: an unprefixed one could have been set by another host.
 */
export function sessionCookieValue(cookieHeader: string | null, secure: boolean): string | null {
  return readCookie(cookieHeader, sessionCookieName(secure));
}

let cookieKey: Buffer | null = null;
const key = () => (cookieKey ??= deriveKey("cookie-signing"));

/** What a session records about where it was started, for its user to recognise it later. */
export interface SessionOrigin {
  address: string | null;
  userAgent: string | null;
}

const USER_AGENT_MAX = 256;

/**
 * Starts a session and records the sign-in in the same transaction: every way
 * in (password, setup link, reset link) is a sign-in, so none can skip it.
 */
export async function createSession(
  db: Db,
  userId: string,
  ttlHours: number,
  origin: Partial<SessionOrigin> & { method?: SignInMethod } = {},
): Promise<{ cookieValue: string; expiresAt: Date; sessionId: string }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  const sessionId = newId();
  const address = origin.address ?? null;
  const userAgent = origin.userAgent ? origin.userAgent.slice(0, USER_AGENT_MAX) : null;
  await db.$transaction(async (tx) => {
    // A user deleted between the password check and here gets no session.
    await lockUser(tx, userId);
    await tx.session.create({ data: { id: sessionId, tokenHash: sha256(token), userId, expiresAt, address, userAgent } });
    // Expired sessions of this user are swept here rather than by a timer.
    await tx.session.deleteMany({ where: { userId, expiresAt: { lt: new Date() } } });
    const user = await tx.user.update({ where: { id: userId }, data: { lastSignInAt: new Date() }, select: { id: true, email: true } });
    await recordAudit(tx, signInActor(user, origin.method ?? "PASSWORD"), {
      action: "USER_SIGNED_IN",
      objectType: "Session",
      objectId: sessionId,
      objectLabel: user.email,
      details: { address, userAgent },
    });
  });
  return { cookieValue: `${token}.${hmac(key(), token)}`, expiresAt, sessionId };
}

function tokenOf(cookieValue: string): string | null {
  const dot = cookieValue.indexOf(".");
  if (dot <= 0) return null;
  const token = cookieValue.slice(0, dot);
  return constantTimeEqual(cookieValue.slice(dot + 1), hmac(key(), token)) ? token : null;
}

/** The session's user, or null for a forged, unknown or expired cookie. */
export async function userForSession(db: Db, cookieValue: string, idleTimeoutMinutes: number): Promise<UserIdentity | null> {
  return (await sessionForCookie(db, cookieValue, idleTimeoutMinutes))?.user ?? null;
}

/**
 * The live session a cookie names, with its user, or null for a forged,
 * unknown, expired or idle one (unused for more than `idleTimeoutMinutes`,
 * the configured SESSION_IDLE_TIMEOUT_MINUTES, which the caller passes in).
 */
export async function sessionForCookie(db: Db, cookieValue: string, idleTimeoutMinutes: number): Promise<{ user: UserIdentity; sessionId: string } | null> {
  const token = tokenOf(cookieValue);
  if (!token) return null;
  const session = await db.session.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
  const now = Date.now();
  // A user deleted between the session's statement and the user's leaves no user: no session (finding 12 of issue 20).
  if (!session || vanished(session.user) || session.expiresAt.getTime() <= now) return null;
  const idleMs = now - session.lastSeenAt.getTime();
  const idleTimeoutMs = idleTimeoutMinutes * 60_000;
  if (idleMs > idleTimeoutMs) return null;
  if (idleMs > activityResolutionMs(idleTimeoutMs)) {
    // Conditional on the value read, so of parallel requests one writes; off the request path.
    db.session
      .updateMany({ where: { id: session.id, lastSeenAt: session.lastSeenAt }, data: { lastSeenAt: new Date(now) } })
      .catch((error: Error) => log.warn("could not record session use", { sessionId: session.id, error: error.message }));
  }
  return { user: toIdentity(session.user), sessionId: session.id };
}

/** Signing out: ends the cookie's session and records it, as its user. */
export async function endSession(db: Db, cookieValue: string): Promise<void> {
  const token = tokenOf(cookieValue);
  if (!token) return;
  await db.$transaction(async (tx) => {
    const session = await tx.session.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
    if (!session || vanished(session.user)) return;
    // Of parallel sign-outs with one cookie, only the one that deletes the row records it.
    const { count } = await tx.session.deleteMany({ where: { id: session.id } });
    if (count !== 1) return;
    await recordAudit(tx, userPrincipal(toIdentity(session.user), "SESSION"), {
      action: "USER_SIGNED_OUT",
      objectType: "Session",
      objectId: session.id,
      objectLabel: session.user.email,
    });
  });
}

export interface ActiveSession {
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  address: string | null;
  userAgent: string | null;
}

/**
 * A user's sessions, for themselves or an admin: where someone signs in from
 * is theirs to see, and admins' (who can end them).
 */
export function sessionsOfUser(db: Db, caller: Principal | null, userId: string, idleTimeoutMinutes: number): Promise<ActiveSession[]> {
  requireSelfOrAdmin(caller, userId, "reading a user's sessions");
  return listActiveSessions(db, userId, idleTimeoutMinutes);
}

/** A user's sessions that still work (not expired, not idle past the timeout), most recently used first. */
function listActiveSessions(db: Db, userId: string, idleTimeoutMinutes: number): Promise<ActiveSession[]> {
  const now = Date.now();
  return db.session.findMany({
    where: {
      userId,
      expiresAt: { gt: new Date(now) },
      lastSeenAt: { gt: new Date(now - idleTimeoutMinutes * 60_000) },
    },
    select: { id: true, userId: true, createdAt: true, lastSeenAt: true, expiresAt: true, address: true, userAgent: true },
    orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
  });
}

/**
 * Ends one session: its own user may end it, and admins anyone's. Someone
 * else's session is NOT_FOUND to a non-admin, like a session that does not exist.
 */
export async function endSessionById(db: Db, actor: UserPrincipal, sessionId: string): Promise<ActiveSession> {
  return db.$transaction(async (tx) => {
    const session = await tx.session.findUnique({ where: { id: sessionId }, include: { user: { select: { email: true } } } });
    if (!session || vanished(session.user) || (session.userId !== actor.user.id && actor.user.role !== "ADMIN")) {
      throw notFound("session", sessionId, "ending it");
    }
    const { count } = await tx.session.deleteMany({ where: { id: sessionId } });
    if (count !== 1) throw notFound("session", sessionId, "ending it");
    await recordAudit(tx, actor, {
      action: "SESSION_ENDED",
      objectType: "Session",
      objectId: sessionId,
      objectLabel: session.user.email,
      details: { userId: session.userId },
    });
    const { user: _user, tokenHash: _hash, ...rest } = session;
    return rest;
  });
}

/**
 * Ends every session of a user ("sign out everywhere"): the user themself or
 * an admin. Answers how many ended; the browsers are signed out at their
 * next request.
 */
export async function endAllSessionsOfUser(db: Db, actor: UserPrincipal, userId: string): Promise<number> {
  requireSelfOrAdmin(actor, userId, "ending a user's sessions");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user) throw notFound("user", userId, "ending their sessions");
    const { count } = await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, actor, { action: "SESSION_ENDED", objectType: "User", objectId: userId, objectLabel: user.email, details: { sessionsEnded: count } });
    return count;
  });
}

/** A cookie's value; one whose percent-encoding is malformed is no cookie (the client's bytes, not our fault: never a 500). */
function readCookie(cookieHeader: string | null, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}
