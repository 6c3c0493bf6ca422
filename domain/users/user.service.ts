import { newId } from "../../lib/ids";
import type { User } from "../../generated/prisma-sqlite/client";
import { decoyPasswordHash, hashPassword, newBearerSecret, sha256, verifyPassword } from "../../lib/crypto";
import type { Db } from "../../lib/db";
import { isUniqueViolation, refusingDuplicates } from "../../lib/db-errors";
import { log } from "../../lib/logger";
import { apiTokenCache } from "../api-tokens/api-token-cache";
import { recordAudit } from "../audit/audit.service";
import { type Principal, type Role, type UserIdentity, isRole } from "@/domain/principals/principal";
import { badInput, conflict, notFound } from "../errors";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;
const SETUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function toIdentity(user: User): UserIdentity {
  if (!isRole(user.role)) throw new Error(`user ${user.id} has an unknown role`);
  return { id: user.id, email: user.email, role: user.role };
}

function validateNewUser(input: { email: string; password: string }, path: string) {
  const email = normalizeEmail(input.email);
  if (!EMAIL_PATTERN.test(email) || email.length > 254) throw badInput(`${path}.email`, "Enter a valid email address");
  if (input.password.length < PASSWORD_MIN) {
    throw badInput(`${path}.password`, `Password must be at least ${PASSWORD_MIN} characters`);
  }
  if (input.password.length > PASSWORD_MAX) {
    throw badInput(`${path}.password`, `Password must be at most ${PASSWORD_MAX} characters`);
  }
  return email;
}

export async function createUser(
  db: Db,
  actor: Principal | "SYSTEM",
  input: { email: string; password: string; role: Role },
  path = "in",
): Promise<User> {
  const email = validateNewUser(input, path);
  const passwordHash = await hashPassword(input.password);
  return refusingDuplicates(
    () =>
      db.$transaction(async (tx) => {
        const user = await tx.user.create({ data: { id: newId(), email, passwordHash, role: input.role } });
        await recordAudit(tx, actor, {
          action: "USER_CREATED",
          objectType: "User",
          objectId: user.id,
          objectLabel: email,
          details: { email, role: input.role },
        });
        return user;
      }),
    () => conflict(`A user with email "${email}" already exists`, `${path}.email`),
  );
}

export function listUsers(db: Db): Promise<User[]> {
  return db.user.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

export async function deleteUser(db: Db, actor: Principal, id: string): Promise<User> {
  const deleted = await db.$transaction(async (tx) => {
    // Locks every admin row first (a no-op update, the same SQL on both
    // providers) and counts them: two admins deleting each other at once would
    // otherwise both count two admins and leave none.
    const admins = await tx.$executeRaw`UPDATE "User" SET "role" = "role" WHERE "role" = 'ADMIN'`;
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw notFound("user", id, "deleting it");
    if (user.role === "ADMIN" && admins <= 1) {
      throw conflict("The last admin cannot be deleted: make another user an admin first");
    }
    await tx.session.deleteMany({ where: { userId: id } });
    await tx.apiToken.deleteMany({ where: { userId: id } });
    await tx.user.delete({ where: { id } });
    await recordAudit(tx, actor, { action: "USER_DELETED", objectType: "User", objectId: id, objectLabel: user.email });
    return user;
  });
  // Its API tokens are refused by this process from the next request on.
  apiTokenCache(db).forgetUser(id);
  return deleted;
}

/** The user whose password matches, or null. Takes as long for unknown emails. */
export async function checkPassword(db: Db, email: string, password: string): Promise<User | null> {
  const user = await db.user.findUnique({ where: { email: normalizeEmail(email) } });
  const matches = await verifyPassword(password.slice(0, PASSWORD_MAX), user?.passwordHash ?? (await decoyPasswordHash()));
  return user && matches ? user : null;
}

/**
 * At start-up with no user: the first admin from ADMIN_EMAIL/ADMIN_PASSWORD,
 * or else a one-time setup link in the log. Returns the link's token, if any.
 */
export async function ensureFirstAdmin(
  db: Db,
  env: { email: string | null; password: string | null },
): Promise<{ created: boolean; setupToken: string | null }> {
  if ((await db.user.count()) > 0) return { created: false, setupToken: null };
  if (env.email && env.password) {
    if (env.password.length < PASSWORD_MIN) {
      log.warn(`ADMIN_PASSWORD is shorter than ${PASSWORD_MIN} characters; change it after the first login`);
    }
    const email = normalizeEmail(env.email);
    if (!EMAIL_PATTERN.test(email)) throw new Error("ADMIN_EMAIL is not a valid email address");
    try {
      await db.$transaction(async (tx) => {
        const user = await tx.user.create({
          data: { id: newId(), email, passwordHash: await hashPassword(env.password!), role: "ADMIN" },
        });
        await recordAudit(tx, "SYSTEM", { action: "USER_CREATED", objectType: "User", objectId: user.id, objectLabel: email, details: { email, role: "ADMIN", from: "ADMIN_EMAIL" } });
      });
    } catch (error) {
      // Another instance created the same first admin at the same moment.
      if (!isUniqueViolation(error)) throw error;
    }
    return { created: true, setupToken: null };
  }
  // Each start replaces earlier links, so only the newest logged one works.
  const token = newBearerSecret("cmp_setup_");
  await db.$transaction([
    db.setupToken.deleteMany({}),
    db.setupToken.create({ data: { id: newId(), tokenHash: sha256(token), expiresAt: new Date(Date.now() + SETUP_TOKEN_TTL_MS) } }),
  ]);
  return { created: false, setupToken: token };
}

/** Whether a setup link is still usable (unused, unexpired, and still no user). */
export async function isSetupTokenValid(db: Db, token: string): Promise<boolean> {
  const row = await db.setupToken.findUnique({ where: { tokenHash: sha256(token) } });
  return !!row && row.expiresAt > new Date() && (await db.user.count()) === 0;
}

/** Creates the first admin from a setup link; the link is used up in the same transaction. */
export async function completeSetup(db: Db, token: string, input: { email: string; password: string }): Promise<User> {
  const email = validateNewUser(input, "setup");
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    // Claimed by a conditional delete, not read then deleted: of requests
    // racing with the same link, only the one whose delete removed the row
    // goes on (the others wait on its row lock and then delete nothing).
    const claimed = await tx.setupToken.deleteMany({ where: { tokenHash: sha256(token), expiresAt: { gt: new Date() } } });
    if (claimed.count !== 1 || (await tx.user.count()) > 0) {
      throw badInput("token", "This setup link is invalid, expired or already used: restart the server for a new one");
    }
    await tx.setupToken.deleteMany({});
    const user = await tx.user.create({ data: { id: newId(), email, passwordHash, role: "ADMIN" } });
    await recordAudit(tx, "SYSTEM", { action: "USER_CREATED", objectType: "User", objectId: user.id, objectLabel: email, details: { email, role: "ADMIN", from: "setup link" } });
    return user;
  });
}
