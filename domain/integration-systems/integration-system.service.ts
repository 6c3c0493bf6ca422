import { newId } from "@/lib/ids";
import { type IntegrationSystem, Prisma, type SystemAuth } from "@/generated/prisma-sqlite/client";
import type { Db, Tx } from "@/lib/db";
import { rawReader } from "@/domain/instance";
import { TIMESTAMP_COLUMNS, selectEveryColumn } from "@/lib/raw-select";
import { forgetCredentials } from "@/domain/credentials/system-auth.service";
import { auditorOf } from "@/domain/audit/audit.service";
import { type AuditedKind, createAudited, updateAudited } from "@/domain/audited-writes";
import type { Principal } from "@/domain/principals/principal";
import { type LazyPage, checkPageSize, toPage } from "@/domain/paging/cursor";
import { BY_CREATED_AT, type Direction, type KeyColumn, type Keyset, type PageSource, countRows, keyset, keysetPage, readRows } from "@/domain/paging/keyset";
import { containsSql, lowerContainsSql } from "@/domain/paging/search";
import { nameKeyOf, validNamedInput } from "@/domain/validation/validation";
import { badInput, conflict, notFound } from "@/domain/errors";
import { expiringSoonBefore } from "@/lib/credential-rules";
import { requireManagesNothing } from "@/domain/tenant-objects/tenant-object.service";

const auditSystem = auditorOf<IntegrationSystem>("IntegrationSystem", (system) => system.name);

const KIND: AuditedKind<IntegrationSystem> = {
  noun: "integration system",
  actions: { created: "INTEGRATION_SYSTEM_CREATED", updated: "INTEGRATION_SYSTEM_UPDATED" },
  find: (tx, id) => tx.integrationSystem.findUnique({ where: { id } }),
  audit: auditSystem,
  auditedFields: (system) => ({ name: system.name, description: system.description }),
};

/** Rules for integration systems: validation, uniqueness, paging, audit. */

export interface IntegrationSystemInput {
  name: string;
  description?: string | null;
}

function duplicateName(name: string) {
  return conflict(`An integration system named "${name}" already exists (names are unique ignoring case and look-alike letters)`, "in.name");
}

export async function createIntegrationSystem(db: Db, actor: Principal, input: IntegrationSystemInput): Promise<IntegrationSystem> {
  const valid = validNamedInput(input);
  const create = (tx: Tx) => tx.integrationSystem.create({ data: { id: newId(), ...valid } });
  return createAudited(db, actor, KIND, create, () => duplicateName(valid.name));
}

export async function updateIntegrationSystem(db: Db, actor: Principal, id: string, input: IntegrationSystemInput): Promise<IntegrationSystem> {
  const valid = validNamedInput(input);
  const update = (tx: Tx) => tx.integrationSystem.update({ where: { id }, data: valid });
  return updateAudited(db, actor, id, KIND, update, () => duplicateName(valid.name));
}

export type IntegrationSystemWithAuths = IntegrationSystem & { auths: SystemAuth[] };

/**
 * Deletes the system and, in the same transaction, every credential it holds.
 * A system that still manages applications is a CONFLICT naming how many:
 * they would be left managed by nobody, in tenants the admin may not see.
 */
export async function deleteIntegrationSystem(db: Db, actor: Principal, id: string): Promise<IntegrationSystemWithAuths> {
  const deleted = await db.$transaction(async (tx) => {
    const system = await tx.integrationSystem.findUnique({ where: { id }, include: { auths: { orderBy: { createdAt: "asc" } } } });
    if (!system) throw notFound("integration system", id, "deleting it");
    await requireManagesNothing(tx, system);
    // Explicit rather than relying on ON DELETE CASCADE, which SQLite only
    // honours on connections that enabled foreign keys.
    await tx.systemAuth.deleteMany({ where: { integrationSystemId: id } });
    await tx.integrationSystem.delete({ where: { id } });
    await auditSystem(tx, actor, "INTEGRATION_SYSTEM_DELETED", system, { name: system.name, deletedCredentials: system.auths.map((auth) => auth.id) });
    return system;
  });
  forgetCredentials(
    db,
    deleted.auths.map((auth) => auth.id),
  );
  return deleted;
}

// The hottest reads, as prepared statements where the client has them (lib/db.ts, rawReader): the same rows as Prisma's.
const SELECT_SYSTEMS = selectEveryColumn("IntegrationSystem", Prisma.IntegrationSystemScalarFieldEnum);

export async function findIntegrationSystem(db: Db, id: string): Promise<IntegrationSystem | null> {
  const raw = rawReader(db);
  if (!raw) return db.integrationSystem.findUnique({ where: { id } });
  const [row] = await raw.rows<IntegrationSystem>(`${SELECT_SYSTEMS} WHERE "id" = $1`, [id], TIMESTAMP_COLUMNS);
  return row ?? null;
}

export type OrderField = "NAME" | "CREATED_AT";
export type { Direction } from "@/domain/paging/keyset";

type ListFilter = "NO_CREDENTIALS" | "EXPIRING_SOON" | "NEVER_USED";

export interface ListArgs {
  first: number;
  after?: string | null;
  search?: string | null;
  orderBy?: { field: OrderField; direction?: Direction | null } | null;
  filter?: ListFilter | null;
  /** The last page instead of the first (no `after` with it). */
  last?: boolean | null;
  /** Answer the page this many pages after `after` (1-MAX_SKIP_PAGES). */
  skipPages?: number | null;
}

/** Where the list's rows come from: the plain list is one prepared statement, searches and filters read ids, then rows through Prisma. */
const systemsSource = (db: Db, prepared: boolean): PageSource<IntegrationSystem> => ({
  table: "IntegrationSystem",
  prepared: prepared ? { select: SELECT_SYSTEMS, dateColumns: TIMESTAMP_COLUMNS } : undefined,
  rowsByIds: (ids) => db.integrationSystem.findMany({ where: { id: { in: ids } } }),
});

/**
 * One page in keyset order (paging/keyset.ts): (nameKey), which is unique, or
 * (createdAt, id), either direction; `search` and `filter` narrow it, `last`
 * and `skipPages` move through it (listAtScale).
 */
export async function listIntegrationSystems(db: Db, args: ListArgs): Promise<LazyPage<IntegrationSystem>> {
  const first = checkPageSize(args.first);
  const field = args.orderBy?.field ?? "CREATED_AT";
  const direction = args.orderBy?.direction ?? "ASC";
  const order = keyset<IntegrationSystem>(`integrationSystems:${field}:${direction}`, field === "NAME" ? BY_NAME_KEY : BY_CREATED_AT, direction);
  const search = args.search?.trim();
  const matches = matchesSql(search, args.filter);
  if (args.last || (args.skipPages !== null && args.skipPages !== undefined)) {
    return listAtScale(db, { ...args, first, order, matches, source: systemsSource(db, false) });
  }
  // The plain list's statement text is the same for every page: prepared once.
  return keysetPage(db, systemsSource(db, !search && !args.filter), { matches, keyset: order, first, after: args.after });
}

const BY_NAME_KEY: readonly KeyColumn[] = [{ name: "nameKey", type: "string" }];

/** The furthest a page number may jump in one request (docs/decisions/0013-page-numbers-over-keyset-paging.md). */
const MAX_SKIP_PAGES = 50;

/**
 * Which systems `search` and `filter` keep, as SQL on "IntegrationSystem":
 * the name or description contains the search (ignoring case), or one of the
 * system's credentials has exactly that client id.
 */
function matchesSql(search: string | undefined, filter: ListFilter | null | undefined, now = Date.now()): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (search) {
    const key = nameKeyOf(search);
    parts.push(Prisma.sql`(${containsSql("nameKey", key)} OR ${lowerContainsSql("description", key)}
      OR EXISTS (SELECT 1 FROM "SystemAuth" a WHERE a."integrationSystemId" = "IntegrationSystem"."id" AND a."id" = ${search}))`);
  }
  const auths = Prisma.sql`SELECT 1 FROM "SystemAuth" a WHERE a."integrationSystemId" = "IntegrationSystem"."id"`;
  if (filter === "NO_CREDENTIALS") parts.push(Prisma.sql`NOT EXISTS (${auths})`);
  if (filter === "EXPIRING_SOON") parts.push(Prisma.sql`EXISTS (${auths} AND a."expiresAt" IS NOT NULL AND a."expiresAt" <= ${expiringSoonBefore(now)})`);
  if (filter === "NEVER_USED") parts.push(Prisma.sql`NOT EXISTS (${auths} AND a."lastUsedAt" IS NOT NULL)`);
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`1 = 1`;
}

/**
 * The last page and page numbers, still in keyset order. The last page reads
 * the ordering backwards and holds what is left after the full pages (count
 * mod first), so page numbers line up from either end. A page number walks the
 * keys from `after`: one query reading at most MAX_SKIP_PAGES * first ids of
 * the index, never an OFFSET over the rows.
 */
async function listAtScale(
  db: Db,
  args: ListArgs & { first: number; order: Keyset<IntegrationSystem>; matches: Prisma.Sql; source: PageSource<IntegrationSystem> },
): Promise<LazyPage<IntegrationSystem>> {
  const { first, order, matches, source } = args;
  const from = order.decode(args.after);
  const countTotal = () => countRows(db, source, matches);
  if (args.last) {
    if (args.after) throw badInput("last", "Pass either `last` or `after`, not both: the last page has no page before it to continue from");
    if (args.skipPages) throw badInput("last", "Pass either `last` or `skipPages`, not both");
    const total = await countTotal();
    const backwards = order.direction === "ASC" ? "DESC" : "ASC";
    // One row more than the page holds: the row before it, whose cursor is the `after` that gives this page (its startCursor).
    const size = total % first || first;
    const rows = (await readRows(db, source, matches, order.orderBy(backwards), size + 1)).reverse();
    const before = rows.length > size ? rows.shift() : undefined;
    return { ...toPage(rows, first, order.cursorOf, before && order.cursorOf(before)), countTotal: async () => total };
  }
  if (!Number.isInteger(args.skipPages) || args.skipPages! < 1 || args.skipPages! > MAX_SKIP_PAGES) {
    throw badInput("skipPages", `"skipPages" must be from 1 to ${MAX_SKIP_PAGES}, got ${args.skipPages}`);
  }
  const walk = args.skipPages! * first;
  const walked = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "IntegrationSystem" WHERE ${matches} AND ${order.after(from)} ORDER BY ${order.orderBy()} LIMIT ${walk}`;
  // Past the end: an empty page, as a cursor beyond the last row gives.
  if (walked.length < walk) return { rows: [], pageInfo: { startCursor: "", endCursor: "", hasNextPage: false }, countTotal };
  const edge = await db.integrationSystem.findUnique({ where: { id: walked[walked.length - 1].id } });
  const position = edge ? order.positionOf(edge) : from;
  const rows = await readRows(db, source, Prisma.sql`${matches} AND ${order.after(position)}`, order.orderBy(), first + 1);
  // The page's startCursor is the `after` that gives it, as on every other page: the row walked to.
  return { ...toPage(rows, first, order.cursorOf, edge ? order.cursorOf(edge) : args.after), countTotal };
}
