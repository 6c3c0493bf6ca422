import type { Tx } from "@/lib/db";
import { unauthenticated } from "@/domain/errors";

/**
 * Locks a user's row for the rest of the transaction (a no-op update, the same
 * SQL on both providers), so rows written for them next (a session, an API
 * token) cannot lose their user to a delete committing meanwhile; and refuses
 * when the user is already gone: the caller signed in, or authenticated, as an
 * account deleted a moment later (issue 20, finding 12's class), which is no
 * account, not a foreign-key error.
 */
export async function lockUser(tx: Tx, userId: string): Promise<void> {
  const locked = await tx.$executeRaw`UPDATE "User" SET "role" = "role" WHERE "id" = ${userId}`;
  if (locked === 0) throw unauthenticated("This account no longer exists");
}
