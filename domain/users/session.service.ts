import { randomBytes } from "node:crypto";
import { newId } from "../../lib/ids";
import { constantTimeEqual, hmac, sha256 } from "../../lib/crypto";
import type { Db } from "../../lib/db";
import { getConfig } from "../../lib/config";
import { log } from "../../lib/logger";
import { deriveKey } from "../../lib/secret-key";
import { type UserIdentity } from "@/domain/principals/principal";
import { toIdentity } from "./user.service";

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
export const SECURE_SESSION_COOKIE = "__Host-compass_session";

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

/**
 * lastSeenAt is written at most this often per session: the idle timeout
 * (hours) needs no finer clock, and a write on every request would not do.
 */
const LAST_SEEN_RESOLUTION_MS = 60_000;

let cookieKey: Buffer | null = null;
const key = () => (cookieKey ??= deriveKey("cookie-signing"));

export async function createSession(db: Db, userId: string, ttlHours: number): Promise<{ cookieValue: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await db.session.create({ data: { id: newId(), tokenHash: sha256(token), userId, expiresAt } });
  // Expired sessions of this user are swept here rather than by a timer.
  await db.session.deleteMany({ where: { userId, expiresAt: { lt: new Date() } } });
  return { cookieValue: `${token}.${hmac(key(), token)}`, expiresAt };
}

function tokenOf(cookieValue: string): string | null {
  const dot = cookieValue.indexOf(".");
  if (dot <= 0) return null;
  const token = cookieValue.slice(0, dot);
  return constantTimeEqual(cookieValue.slice(dot + 1), hmac(key(), token)) ? token : null;
}

/** The session's user, or null for a forged, unknown or expired cookie. */
export async function userForSession(db: Db, cookieValue: string): Promise<UserIdentity | null> {
  const token = tokenOf(cookieValue);
  if (!token) return null;
  const session = await db.session.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
  const now = Date.now();
  if (!session || session.expiresAt.getTime() <= now) return null;
  const idleMs = now - session.lastSeenAt.getTime();
  if (idleMs > getConfig().sessionIdleTimeoutMinutes * 60_000) return null;
  if (idleMs > LAST_SEEN_RESOLUTION_MS) {
    // Conditional on the value read, so of parallel requests one writes; off the request path.
    db.session
      .updateMany({ where: { id: session.id, lastSeenAt: session.lastSeenAt }, data: { lastSeenAt: new Date(now) } })
      .catch((error: Error) => log.warn("could not record session use", { sessionId: session.id, error: error.message }));
  }
  return toIdentity(session.user);
}

export async function endSession(db: Db, cookieValue: string): Promise<void> {
  const token = tokenOf(cookieValue);
  if (token) await db.session.deleteMany({ where: { tokenHash: sha256(token) } });
}

export function readCookie(cookieHeader: string | null, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}
