import type { Db } from "../../lib/db";
import { Throttle } from "../../lib/throttle";
import { createSession } from "./session.service";
import { checkPassword } from "./user.service";

export type LoginResult =
  | { outcome: "ok"; cookieValue: string; expiresAt: Date }
  | { outcome: "invalid" }
  | { outcome: "throttled"; retryAfterSeconds: number };

// Per account: a person mistyping gets 5 free tries; a guesser soon waits minutes.
const byAccount = new Throttle({ freeAttempts: 5, windowMs: 15 * 60_000, maxDelayMs: 15 * 60_000 });
// Per address: room for an office behind one NAT, not for a dictionary.
const byAddress = new Throttle({ freeAttempts: 20, windowMs: 15 * 60_000, maxDelayMs: 15 * 60_000 });

export async function login(
  db: Db,
  credentials: { email: string; password: string },
  clientAddress: string,
  sessionTtlHours: number,
): Promise<LoginResult> {
  const accountKey = credentials.email.trim().toLowerCase();
  const waitMs = Math.max(byAccount.retryAfterMs(accountKey), byAddress.retryAfterMs(clientAddress));
  if (waitMs > 0) return { outcome: "throttled", retryAfterSeconds: Math.ceil(waitMs / 1000) };

  const user = await checkPassword(db, credentials.email, credentials.password);
  if (!user) {
    byAccount.recordFailure(accountKey);
    byAddress.recordFailure(clientAddress);
    return { outcome: "invalid" };
  }
  byAccount.recordSuccess(accountKey);
  return { outcome: "ok", ...(await createSession(db, user.id, sessionTtlHours)) };
}
