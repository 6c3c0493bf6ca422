import { countAuthFailure } from "@/lib/metrics";
import type { Db } from "@/lib/db";
import { Throttle } from "@/lib/throttle";
import type { Instance } from "@/domain/instance";
import { UNKNOWN_ACCOUNT_LABEL, recordAudit, signInActor } from "@/domain/audit/audit.service";
import { type SessionOrigin, createSession } from "./session.service";
import { checkSignIn } from "./user.service";

export type LoginResult =
  | { outcome: "ok"; cookieValue: string; expiresAt: Date }
  | { outcome: "invalid" }
  | { outcome: "throttled"; retryAfterSeconds: number };

/** A password sign-in, throttled by the instance's LoginThrottles. */
export async function login(
  instance: Pick<Instance, "db" | "logins">,
  credentials: { email: string; password: string },
  origin: { address: string; userAgent: string | null },
  sessionTtlHours: number,
): Promise<LoginResult> {
  const { db, logins } = instance;
  const { byAccount, byKnownAddress, byAddress } = logins;
  const clientAddress = origin.address;
  const accountKey = credentials.email.trim().toLowerCase();
  const known = logins.isKnownAddress(accountKey, clientAddress);
  const account: readonly [Throttle, string] = known ? [byKnownAddress, `${accountKey}\n${clientAddress}`] : [byAccount, accountKey];
  // Counted before the (slow, awaited) password check: parallel guesses each
  // take one of the free attempts, and the rest are refused unchecked.
  const waitMs = Throttle.reserve([account, [byAddress, clientAddress]]);
  if (waitMs > 0) return { outcome: "throttled", retryAfterSeconds: Math.ceil(waitMs / 1000) };

  const { user, account: matched } = await checkSignIn(db, credentials.email, credentials.password);
  if (!user) {
    account[0].confirmFailure(account[1]);
    byAddress.confirmFailure(clientAddress);
    await recordFailedSignIn(db, matched, origin);
    return { outcome: "invalid" };
  }
  // Known addresses start afresh; a first sign-in from an address only gives
  // back its own attempt, so guessers' failures on the account still count.
  if (known) account[0].recordSuccess(account[1]);
  else account[0].release(account[1]);
  byAddress.release(clientAddress);
  logins.rememberAddress(accountKey, clientAddress);
  const session = await createSession(db, user.id, sessionTtlHours, { ...origin, method: "PASSWORD" });
  return { outcome: "ok", cookieValue: session.cookieValue, expiresAt: session.expiresAt };
}

/**
 * One audit row for every failed password check, whether or not the email
 * named an account: the same single insert on both paths, so the time taken
 * says nothing about which it was (the answer is the same "invalid" too). The
 * typed text of an unknown email is not kept: it may be a password typed into
 * the wrong field.
 */
async function recordFailedSignIn(db: Db, account: { id: string; email: string } | null, origin: SessionOrigin): Promise<void> {
  countAuthFailure("password");
  await recordAudit(db, signInActor(account, "PASSWORD"), {
    action: "USER_SIGN_IN_FAILED",
    objectType: "User",
    objectId: account?.id ?? UNKNOWN_ACCOUNT_ID,
    objectLabel: account?.email ?? UNKNOWN_ACCOUNT_LABEL,
    details: { address: origin.address, userAgent: origin.userAgent?.slice(0, 256) ?? null, reason: account ? "wrong password" : "unknown account" },
  });
}

/** The object id of failed sign-ins whose email matched no account. */
const UNKNOWN_ACCOUNT_ID = "unknown";
