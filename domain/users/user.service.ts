import { newId } from "@/lib/ids";
import { Prisma, type User } from "@/generated/prisma-sqlite/client";
import { decoyPasswordHash, hashPassword, newBearerSecret, sha256, verifyPassword } from "@/lib/crypto";
import type { Db, Tx } from "@/lib/db";
import { isUniqueViolation, transactionRefusingDuplicates } from "@/lib/db-errors";
import { log } from "@/lib/logger";
import { type Instance, instanceOf } from "@/domain/instance";
import { deleteUserApiTokens, forgetApiTokens } from "@/domain/api-tokens/api-token.service";
import { type AuditActor, auditorOf } from "@/domain/audit/audit.service";
import { type Principal, type Role, type UserIdentity, type UserPrincipal, isRole } from "@/domain/principals/principal";
import { badInput, conflict, forbidden, notFound } from "@/domain/errors";
import { Throttle } from "@/lib/throttle";
import type { LazyPage } from "@/domain/paging/cursor";
import { BY_CREATED_AT, keyset, keysetPage } from "@/domain/paging/keyset";
import { PASSWORD_MAX, PASSWORD_MIN, emailProblem, normalizeEmail, passwordProblem } from "@/lib/user-rules";

const auditUser = auditorOf<User>("User", (user) => user.email);

export { PASSWORD_MIN };
const SETUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

export function toIdentity(user: User): UserIdentity {
  if (!isRole(user.role)) throw new Error(`user ${user.id} has an unknown role`);
  return { id: user.id, email: user.email, role: user.role };
}

function checkEmail(email: string, field: string): string {
  const problem = emailProblem(email);
  if (problem) throw badInput(field, problem);
  return normalizeEmail(email);
}

function checkNewPassword(password: string, field: string): void {
  const problem = passwordProblem(password);
  if (problem) throw badInput(field, problem);
}

function validateNewUser(input: { email: string; password: string }, path: string) {
  const email = checkEmail(input.email, `${path}.email`);
  checkNewPassword(input.password, `${path}.password`);
  return email;
}

export async function createUser(db: Db, actor: Principal | "SYSTEM", input: { email: string; password: string; role: Role }, path = "in"): Promise<User> {
  const email = validateNewUser(input, path);
  const passwordHash = await hashPassword(input.password);
  return insertUser(db, actor, { email, passwordHash, role: input.role }, path, {}, async (_tx, user) => user);
}

/**
 * Creates the user and its USER_CREATED event in one transaction, then runs
 * `then` in it; an email already taken is a CONFLICT on `path.email`.
 */
function insertUser<T>(
  db: Db,
  actor: Principal | "SYSTEM",
  data: { email: string; passwordHash: string; role: Role; invitationPending?: boolean },
  path: string,
  extraDetails: Record<string, string>,
  then: (tx: Tx, user: User) => Promise<T>,
): Promise<T> {
  return transactionRefusingDuplicates(
    db,
    async (tx) => {
      const user = await tx.user.create({ data: { id: newId(), ...data } });
      await auditUser(tx, actor, "USER_CREATED", user, { email: data.email, role: data.role, ...extraDetails });
      return then(tx, user);
    },
    () => conflict(`A user with email "${data.email}" already exists`, `${path}.email`),
  );
}

export function listUsers(db: Db): Promise<User[]> {
  return db.user.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

/** Users, oldest first, a page at a time (keyset on createdAt and id, as the other lists: domain/paging/keyset.ts). */
const USER_ORDER = keyset<User>("users", BY_CREATED_AT, "ASC");

export function listUsersPage(db: Db, args: { first: number; after?: string | null }): Promise<LazyPage<User>> {
  const source = { table: "User", rowsByIds: (ids: string[]) => db.user.findMany({ where: { id: { in: ids } } }) };
  return keysetPage(db, source, { matches: Prisma.sql`1 = 1`, keyset: USER_ORDER, first: args.first, after: args.after });
}

/**
 * What is a user's own (their sessions, and reading them by id) is for
 * themself and admins: anyone else, a non-user caller included, is FORBIDDEN.
 * `doing` completes "... while <doing>".
 */
export function requireSelfOrAdmin(caller: Principal | null, userId: string, doing: string): void {
  if (caller?.kind !== "USER" || (caller.user.id !== userId && caller.user.role !== "ADMIN")) {
    throw forbidden(`Only the user themself or an admin may do this (while ${doing})`);
  }
}

/**
 * One user by id; null when no user has it. Readable by every signed-in user,
 * as the `users` list is (VIEWERs read everything but secrets); their
 * sessions stay the user's own and admins' (User.sessions, requireSelfOrAdmin).
 */
export function findUser(db: Db, id: string): Promise<User | null> {
  return db.user.findUnique({ where: { id } });
}

/**
 * Locks every admin row (a no-op update, the same SQL on both providers) and
 * counts them: two admins deleting or demoting each other at once would
 * otherwise both count two admins and leave none.
 */
function lockAdmins(tx: Tx): Promise<number> {
  return tx.$executeRaw`UPDATE "User" SET "role" = "role" WHERE "role" = 'ADMIN'`;
}

/**
 * Deletes a user with their sessions, tokens and links. `invitation`:
 * revoking a pending invitation, which deletes only a user who has not yet
 * accepted theirs (CONFLICT otherwise: they are a member now).
 */
export async function deleteUser(db: Db, actor: Principal, id: string, invitation = false): Promise<User> {
  const deleted = await db.$transaction(async (tx) => {
    const admins = await lockAdmins(tx);
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw notFound("user", id, invitation ? "revoking an invitation" : "deleting it");
    if (invitation && !user.invitationPending) throw conflict(`${user.email} has already accepted their invitation: delete the user instead`);
    if (user.role === "ADMIN" && admins <= 1) {
      throw conflict("The last admin cannot be deleted: make another user an admin first");
    }
    await tx.session.deleteMany({ where: { userId: id } });
    await tx.apiToken.deleteMany({ where: { userId: id } });
    await tx.passwordResetToken.deleteMany({ where: { userId: id } });
    await tx.user.delete({ where: { id } });
    await auditUser(tx, actor, "USER_DELETED", user, invitation ? { invitationRevoked: true } : undefined);
    return user;
  });
  // Its API tokens are refused by this process from the next request on.
  instanceOf(db)?.apiTokens.forgetUser(id);
  return deleted;
}

/** The user whose password matches, or null. Takes as long for unknown emails. */
export async function checkPassword(db: Db, email: string, password: string): Promise<User | null> {
  return (await checkSignIn(db, email, password)).user;
}

/**
 * A password check that also says which account the email named (null for
 * none), for the audit log; the caller must answer both failures alike.
 */
export async function checkSignIn(db: Db, email: string, password: string): Promise<{ user: User | null; account: User | null }> {
  const account = await db.user.findUnique({ where: { email: normalizeEmail(email) } });
  const matches = await verifyPassword(password.slice(0, PASSWORD_MAX), account?.passwordHash ?? (await decoyPasswordHash()));
  return { user: account && matches ? account : null, account };
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
    if (emailProblem(env.email)) throw new Error("ADMIN_EMAIL is not a valid email address");
    const email = normalizeEmail(env.email);
    try {
      await db.$transaction(async (tx) => {
        await createFirstAdmin(tx, { email, passwordHash: await hashPassword(env.password!) }, "ADMIN_EMAIL");
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

/** Creates the first admin, audited as the system's doing; `from` says what asked for it. */
async function createFirstAdmin(tx: Tx, { email, passwordHash }: { email: string; passwordHash: string }, from: string): Promise<User> {
  const user = await tx.user.create({ data: { id: newId(), email, passwordHash, role: "ADMIN" } });
  await auditUser(tx, "SYSTEM", "USER_CREATED", user, { email, role: "ADMIN", from });
  return user;
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
    return createFirstAdmin(tx, { email, passwordHash }, "setup link");
  });
}

// ---------------------------------------------------------------------------
// Roles, invitations, password resets and password changes (admins manage
// users; every user changes their own password).

/** Changes a user's role; the last admin cannot be made a viewer (race-safe, like deleteUser). */
export async function changeUserRole(db: Db, actor: Principal, id: string, role: Role): Promise<User> {
  const changed = await db.$transaction(async (tx) => {
    const admins = await lockAdmins(tx);
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw notFound("user", id, "changing their role");
    if (user.role === role) return user;
    if (user.role === "ADMIN" && admins <= 1) {
      throw conflict("The last admin cannot become a viewer: make another user an admin first", "role");
    }
    const updated = await tx.user.update({ where: { id }, data: { role } });
    await auditUser(tx, actor, "USER_ROLE_CHANGED", user, { role: { from: user.role, to: role } });
    return updated;
  });
  // The API tokens' cached role goes at once on this instance (others within API_TOKEN_FRESHNESS_MS): a demotion takes effect at the next request.
  instanceOf(db)?.apiTokens.forgetUser(id);
  return changed;
}

const PASSWORD_RESET_PREFIX = "cmp_reset_";
const PASSWORD_RESET_TTL_MS = 24 * 60 * 60 * 1000;

export interface PasswordLink {
  user: User;
  /** The token itself, returned once; only its SHA-256 is stored. */
  token: string;
  expiresAt: Date;
}

async function issuePasswordLink(tx: Tx, user: User): Promise<{ token: string; expiresAt: Date }> {
  const token = newBearerSecret(PASSWORD_RESET_PREFIX);
  const expiresAt = new Date(Date.now() + PASSWORD_RESET_TTL_MS);
  // A new link replaces the user's earlier ones: only the newest one handed out works.
  await tx.passwordResetToken.deleteMany({ where: { userId: user.id } });
  await tx.passwordResetToken.create({ data: { id: newId(), tokenHash: sha256(token), userId: user.id, expiresAt } });
  return { token, expiresAt };
}

/**
 * Invites a user: the account exists at once with its role, and a one-time
 * link (24 h) lets the person set their own password. Until then no password
 * works: the stored hash is of a random secret nobody holds.
 */
export async function inviteUser(db: Db, actor: Principal, input: { email: string; role: Role }, path = "in"): Promise<PasswordLink> {
  const email = checkEmail(input.email, `${path}.email`);
  const passwordHash = await hashPassword(newBearerSecret("unusable_"));
  return insertUser(db, actor, { email, passwordHash, role: input.role, invitationPending: true }, path, { from: "invitation" }, async (tx, user) => ({
    user,
    ...(await issuePasswordLink(tx, user)),
  }));
}

/**
 * A one-time link (24 h) for a user to set a new password; it replaces the
 * earlier one. `invitation`: resending a pending invitation, which only a
 * user who has not yet accepted theirs has (CONFLICT otherwise).
 */
export async function createPasswordResetLink(db: Db, actor: Principal, id: string, invitation = false): Promise<PasswordLink> {
  const doing = invitation ? "resending an invitation" : "creating a password reset link";
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id } });
    if (!user) throw notFound("user", id, doing);
    if (invitation && !user.invitationPending) throw conflict(`${user.email} has already accepted their invitation: send a password reset link instead`);
    const link = await issuePasswordLink(tx, user);
    await auditUser(tx, actor, "PASSWORD_RESET_LINK_CREATED", user, { expiresAt: link.expiresAt.toISOString(), ...(invitation ? { invitation: true } : {}) });
    return { user, ...link };
  });
}

/**
 * Sets a password from a reset (or invitation) link. The link is claimed by a
 * conditional delete, so of parallel requests with one link exactly one goes
 * on; every session of the user ends, as after any password change.
 */
export async function completePasswordReset(db: Db, token: string, password: string): Promise<User> {
  checkNewPassword(password, "password");
  const passwordHash = await hashPassword(password);
  const reset = await db.$transaction(async (tx) => {
    const row = await tx.passwordResetToken.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
    const claimed = row ? await tx.passwordResetToken.deleteMany({ where: { id: row.id, expiresAt: { gt: new Date() } } }) : { count: 0 };
    if (!row || claimed.count !== 1) {
      throw badInput("token", "This password link is invalid, expired or already used: ask an admin for a new one");
    }
    // The user deleted since the link was read: updateMany matches nothing, and the link was theirs.
    const updated = await tx.user.updateMany({ where: { id: row.userId }, data: { passwordHash, invitationPending: false } });
    const user = updated.count === 1 ? await tx.user.findUnique({ where: { id: row.userId } }) : null;
    if (!user) throw badInput("token", "This password link is invalid, expired or already used: ask an admin for a new one");
    // Account recovery: whoever had the old password may have made API tokens with it; none survives.
    const revoked = await endWhatTheOldPasswordOpened(tx, { kind: "SIGN_IN", userId: user.id, label: user.email, method: "RESET_LINK" }, user, {
      via: "reset link",
    });
    return { user, revoked };
  });
  forgetApiTokens(db, reset.revoked);
  return reset.user;
}

/**
 * What a new password ends, in the transaction that set it: the user's
 * sessions (all but `keepSessionId`, the caller's) and, unless
 * `revokeApiTokens` is false, their API tokens (all but `keepApiTokenId`),
 * audited with the change. Answers the revoked tokens' ids, for the cache to
 * forget once the transaction has committed.
 */
async function endWhatTheOldPasswordOpened(
  tx: Tx,
  actor: AuditActor,
  user: User,
  options: { via: string; keepSessionId?: string | null; keepApiTokenId?: string | null; revokeApiTokens?: boolean },
): Promise<string[]> {
  const { via, keepSessionId, keepApiTokenId = null, revokeApiTokens = true } = options;
  const ended = await tx.session.deleteMany({ where: { userId: user.id, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } });
  const revoked = revokeApiTokens ? await deleteUserApiTokens(tx, user.id, keepApiTokenId) : [];
  await auditUser(tx, actor, "PASSWORD_CHANGED", user, { via, sessionsEnded: ended.count, apiTokensRevoked: revoked.length });
  return revoked;
}

/**
 * Changes the caller's own password, which they must give first. Their other
 * sessions end (a password change is how people lock out whoever else got in);
 * the one they are using stays.
 */
export async function changeOwnPassword(
  instance: Pick<Instance, "db" | "logins">,
  actor: UserPrincipal,
  input: { currentPassword: string; newPassword: string; revokeApiTokens?: boolean | null },
): Promise<User> {
  const { db, logins } = instance;
  const byUser = logins.passwordChange;
  checkNewPassword(input.newPassword, "newPassword");
  const waitMs = Throttle.reserve([[byUser, actor.user.id]]);
  if (waitMs > 0) {
    throw badInput("currentPassword", `Too many wrong passwords: try again in ${Math.ceil(waitMs / 1000)} s`);
  }
  const current = await db.user.findUnique({ where: { id: actor.user.id } });
  if (!current || !(await verifyPassword(input.currentPassword.slice(0, PASSWORD_MAX), current.passwordHash))) {
    byUser.confirmFailure(actor.user.id);
    throw badInput("currentPassword", "The current password is wrong");
  }
  byUser.release(actor.user.id);
  if (input.newPassword === input.currentPassword) throw badInput("newPassword", "Choose a password different from the current one");
  const passwordHash = await hashPassword(input.newPassword);
  const changed = await db.$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id: actor.user.id }, data: { passwordHash } });
    // Outstanding reset links die with the old password: they were for an account whose owner has just proven who they are.
    await tx.passwordResetToken.deleteMany({ where: { userId: user.id } });
    // By default the API tokens go too, all but the one making this call (like the session making it).
    const revoked = await endWhatTheOldPasswordOpened(tx, actor, user, {
      via: "own account",
      keepSessionId: actor.sessionId,
      keepApiTokenId: actor.apiTokenId,
      revokeApiTokens: input.revokeApiTokens !== false,
    });
    return { user, revoked };
  });
  forgetApiTokens(db, changed.revoked);
  return changed.user;
}
