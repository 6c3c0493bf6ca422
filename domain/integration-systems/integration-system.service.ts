import { newId } from "@/lib/ids";
import { type IntegrationSystem, Prisma, type SystemAuth } from "@/generated/prisma-sqlite/client";
import { type Db, type RawReader, rawReader } from "@/lib/db";
import { refusingDuplicates } from "@/lib/db-errors";
import { TIMESTAMP_COLUMNS, selectEveryColumn } from "@/lib/raw-select";
import { plural } from "@/lib/text";
import { forgetCredentials } from "@/domain/credentials/system-auth.service";
import { recordAudit } from "@/domain/audit/audit.service";
import type { Principal } from "@/domain/principals/principal";
import {
  type LazyPage,
  afterTimeAndId,
  checkPageSize,
  decodeCursor,
  decodeTimeAndIdCursor,
  encodeCursor,
  timeAndIdCursor,
  toPage,
} from "@/domain/paging/cursor";
import { afterTimeAndIdSql, containsSql, searchPage } from "@/domain/paging/search";
import { nameKeyOf, validNamedInput } from "@/domain/validation/validation";
import { badInput, conflict, notFound } from "@/domain/errors";
import { expiringSoonBefore } from "@/lib/credential-rules";

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
  return refusingDuplicates(
    () =>
      db.$transaction(async (tx) => {
        const system = await tx.integrationSystem.create({ data: { id: newId(), ...valid } });
        await recordAudit(tx, actor, {
          action: "INTEGRATION_SYSTEM_CREATED",
          objectType: "IntegrationSystem",
          objectId: system.id,
          objectLabel: system.name,
          details: { name: system.name, description: system.description },
        });
        return system;
      }),
    () => duplicateName(valid.name),
  );
}

export async function updateIntegrationSystem(db: Db, actor: Principal, id: string, input: IntegrationSystemInput): Promise<IntegrationSystem> {
  const valid = validNamedInput(input);
  return refusingDuplicates(
    () =>
      db.$transaction(async (tx) => {
        const before = await tx.integrationSystem.findUnique({ where: { id } });
        if (!before) throw notFound("integration system", id, "updating it");
        const system = await tx.integrationSystem.update({ where: { id }, data: valid });
        await recordAudit(tx, actor, {
          action: "INTEGRATION_SYSTEM_UPDATED",
          objectType: "IntegrationSystem",
          objectId: id,
          objectLabel: system.name,
          details: {
            before: { name: before.name, description: before.description },
            after: { name: system.name, description: system.description },
          },
        });
        return system;
      }),
    () => duplicateName(valid.name),
  );
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
    const applicationCount = await tx.application.count({ where: { integrationSystemId: id } });
    const runtimeCount = await tx.runtime.count({ where: { integrationSystemId: id } });
    if (applicationCount > 0 || runtimeCount > 0) {
      const what = [applicationCount && plural(applicationCount, "application"), runtimeCount && plural(runtimeCount, "runtime")].filter(Boolean).join(" and ");
      throw conflict(`Integration system "${system.name}" still manages ${what}; unregister them first`, undefined, { applicationCount, runtimeCount });
    }
    // Explicit rather than relying on ON DELETE CASCADE, which SQLite only
    // honours on connections that enabled foreign keys.
    await tx.systemAuth.deleteMany({ where: { integrationSystemId: id } });
    await tx.integrationSystem.delete({ where: { id } });
    await recordAudit(tx, actor, {
      action: "INTEGRATION_SYSTEM_DELETED",
      objectType: "IntegrationSystem",
      objectId: id,
      objectLabel: system.name,
      details: { name: system.name, deletedCredentials: system.auths.map((auth) => auth.id) },
    });
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

/** One unfiltered page in keyset order, as the findMany in listIntegrationSystems reads it. */
function pageOfSystems(raw: RawReader, field: OrderField, direction: Direction, after: Keyset | null, take: number): Promise<IntegrationSystem[]> {
  const [op, dir] = direction === "ASC" ? [">", "ASC"] : ["<", "DESC"];
  if (field === "NAME") {
    const where = after && "nameKey" in after ? `WHERE "nameKey" ${op} $1` : "";
    const values = after && "nameKey" in after ? [after.nameKey, take] : [take];
    return raw.rows(`${SELECT_SYSTEMS} ${where} ORDER BY "nameKey" ${dir} LIMIT $${values.length}`, values, TIMESTAMP_COLUMNS);
  }
  if (after && "createdAt" in after) {
    // The leading bound lets the database seek the index (see afterTimeAndId in paging/cursor.ts).
    const where = `WHERE "createdAt" ${op}= $1 AND ("createdAt" ${op} $1 OR ("createdAt" = $1 AND "id" ${op} $2))`;
    return raw.rows(
      `${SELECT_SYSTEMS} ${where} ORDER BY "createdAt" ${dir}, "id" ${dir} LIMIT $3`,
      [raw.time(after.createdAt), after.id, take],
      TIMESTAMP_COLUMNS,
    );
  }
  return raw.rows(`${SELECT_SYSTEMS} ORDER BY "createdAt" ${dir}, "id" ${dir} LIMIT $1`, [take], TIMESTAMP_COLUMNS);
}

export type OrderField = "NAME" | "CREATED_AT";
export type Direction = "ASC" | "DESC";

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

/**
 * One page in keyset order: (nameKey) or (createdAt, id), either direction.
 * The cursor holds the last row's sort key, so a deep page costs what the first
 * does and rows inserted or deleted meanwhile never make a row appear twice.
 */
export async function listIntegrationSystems(db: Db, args: ListArgs): Promise<LazyPage<IntegrationSystem>> {
  const first = checkPageSize(args.first);
  const field = args.orderBy?.field ?? "CREATED_AT";
  const direction = args.orderBy?.direction ?? "ASC";
  const cmp = direction === "ASC" ? "gt" : "lt";
  const dir = direction === "ASC" ? "asc" : "desc";
  const kind = `integrationSystems:${field}:${direction}`;

  let after: Keyset | null = null;
  let keyset = {};
  if (args.after && field === "NAME") {
    const [nameKey] = decodeCursor(kind, args.after, ["string"]);
    after = { nameKey: nameKey as string };
    keyset = { nameKey: { [cmp]: nameKey } };
  } else if (args.after) {
    const position = decodeTimeAndIdCursor(kind, args.after)!;
    [after, keyset] = [position, afterTimeAndId(position.createdAt, position.id, direction)];
  }

  const cursorOf = (row: IntegrationSystem) => (field === "NAME" ? encodeCursor(kind, [row.nameKey]) : timeAndIdCursor(kind, row));
  const search = args.search?.trim();
  if (args.filter || args.last || (args.skipPages !== null && args.skipPages !== undefined)) {
    return listAtScale(db, { ...args, search, first, field, direction, after, cursorOf });
  }
  if (search) return searchIntegrationSystems(db, { search: nameKeyOf(search), first, field, direction, after, cursorOf });

  const raw = rawReader(db);
  const rows = raw
    ? await pageOfSystems(raw, field, direction, after, first + 1)
    : await db.integrationSystem.findMany({
        where: keyset,
        orderBy: field === "NAME" ? [{ nameKey: dir }] : [{ createdAt: dir }, { id: dir }],
        take: first + 1,
      });
  const countTotal = raw
    ? async () => Number((await raw.rows<{ total: number | string }>(`SELECT COUNT(*) AS "total" FROM "IntegrationSystem"`, [], []))[0].total)
    : () => db.integrationSystem.count();
  return { ...toPage(rows, first, cursorOf), countTotal };
}

type Keyset = { nameKey: string } | { createdAt: Date; id: string };

/** One page of listIntegrationSystems, once its arguments are checked and its cursor decoded. */
interface PageQuery {
  first: number;
  field: OrderField;
  direction: Direction;
  after: Keyset | null;
  cursorOf: (row: IntegrationSystem) => string;
}

/** The same page, for names or descriptions containing `search` literally, or a client id equal to it (raw SQL: see paging/search.ts). */
async function searchIntegrationSystems(db: Db, args: PageQuery & { search: string }): Promise<LazyPage<IntegrationSystem>> {
  const matches = matchesSql(args.search, null);
  const op = Prisma.raw(args.direction === "ASC" ? ">" : "<");
  const dir = Prisma.raw(args.direction);
  let keyset = Prisma.sql`1 = 1`;
  if (args.after && "nameKey" in args.after) keyset = Prisma.sql`"nameKey" ${op} ${args.after.nameKey}`;
  else if (args.after) keyset = afterTimeAndIdSql(args.after.createdAt, args.after.id, args.direction);
  const orderBy = args.field === "NAME" ? Prisma.sql`"nameKey" ${dir}` : Prisma.sql`"createdAt" ${dir}, "id" ${dir}`;
  return searchPage(db, {
    table: "IntegrationSystem",
    matches,
    keyset,
    orderBy,
    first: args.first,
    rowsByIds: (ids) => db.integrationSystem.findMany({ where: { id: { in: ids } } }),
    cursorOf: args.cursorOf,
  });
}

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
    parts.push(Prisma.sql`(${containsSql("nameKey", key)} OR ${containsLowerSql("description", key)}
      OR EXISTS (SELECT 1 FROM "SystemAuth" a WHERE a."integrationSystemId" = "IntegrationSystem"."id" AND a."id" = ${search}))`);
  }
  const auths = Prisma.sql`SELECT 1 FROM "SystemAuth" a WHERE a."integrationSystemId" = "IntegrationSystem"."id"`;
  if (filter === "NO_CREDENTIALS") parts.push(Prisma.sql`NOT EXISTS (${auths})`);
  if (filter === "EXPIRING_SOON") parts.push(Prisma.sql`EXISTS (${auths} AND a."expiresAt" IS NOT NULL AND a."expiresAt" <= ${expiringSoonBefore(now)})`);
  if (filter === "NEVER_USED") parts.push(Prisma.sql`NOT EXISTS (${auths} AND a."lastUsedAt" IS NOT NULL)`);
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`1 = 1`;
}

/** `LOWER("column") LIKE '%text%'` with `text` (already lower case) matched literally. */
function containsLowerSql(column: string, text: string): Prisma.Sql {
  const pattern = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  return Prisma.sql`LOWER(${Prisma.raw(`"${column}"`)}) LIKE ${pattern} ESCAPE '\\'`;
}

/**
 * Filters, the last page and page numbers, still in keyset order. The last
 * page reads the ordering backwards and holds what is left after the full
 * pages (count mod first), so page numbers line up from either end. A page
 * number walks the keys from `after`: one query reading at most
 * MAX_SKIP_PAGES * first ids of the index, never an OFFSET over the rows.
 */
async function listAtScale(
  db: Db,
  args: PageQuery & { search: string | undefined; filter?: ListFilter | null; last?: boolean | null; skipPages?: number | null },
): Promise<LazyPage<IntegrationSystem>> {
  const matches = matchesSql(args.search, args.filter);
  const orderFor = (direction: Direction) => {
    const dir = Prisma.raw(direction);
    return args.field === "NAME" ? Prisma.sql`"nameKey" ${dir}` : Prisma.sql`"createdAt" ${dir}, "id" ${dir}`;
  };
  const keysetAfter = (position: Keyset | null) => {
    if (!position) return Prisma.sql`1 = 1`;
    if ("nameKey" in position) return Prisma.sql`"nameKey" ${Prisma.raw(args.direction === "ASC" ? ">" : "<")} ${position.nameKey}`;
    return afterTimeAndIdSql(position.createdAt, position.id, args.direction);
  };
  const rowsByIds = (ids: string[]) => db.integrationSystem.findMany({ where: { id: { in: ids } } });
  const countTotal = async () => {
    const [{ count }] = await db.$queryRaw<{ count: number | bigint }[]>`SELECT COUNT(*) AS "count" FROM "IntegrationSystem" WHERE ${matches}`;
    return Number(count);
  };

  if (args.last) {
    if (args.after) throw badInput("last", "Pass either `last` or `after`, not both: the last page has no page before it to continue from");
    if (args.skipPages) throw badInput("last", "Pass either `last` or `skipPages`, not both");
    const total = await countTotal();
    const take = total % args.first || args.first;
    const reversed = await db.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "IntegrationSystem" WHERE ${matches} ORDER BY ${orderFor(args.direction === "ASC" ? "DESC" : "ASC")} LIMIT ${take}`;
    const byId = new Map((await rowsByIds(reversed.map((row) => row.id))).map((row) => [row.id, row]));
    const rows = reversed
      .reverse()
      .map((row) => byId.get(row.id))
      .filter((row): row is IntegrationSystem => row !== undefined);
    return { ...toPage(rows, args.first, args.cursorOf), countTotal: async () => total };
  }

  let after = args.after;
  if (args.skipPages !== null && args.skipPages !== undefined) {
    if (!Number.isInteger(args.skipPages) || args.skipPages < 1 || args.skipPages > MAX_SKIP_PAGES) {
      throw badInput("skipPages", `"skipPages" must be from 1 to ${MAX_SKIP_PAGES}, got ${args.skipPages}`);
    }
    const walked = await db.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "IntegrationSystem" WHERE ${matches} AND ${keysetAfter(after)} ORDER BY ${orderFor(args.direction)} LIMIT ${args.skipPages * args.first}`;
    if (walked.length < args.skipPages * args.first) {
      // Past the end: an empty page, as a cursor beyond the last row gives.
      return { rows: [], pageInfo: { startCursor: "", endCursor: "", hasNextPage: false }, countTotal };
    }
    const edge = await db.integrationSystem.findUnique({ where: { id: walked[walked.length - 1].id } });
    if (edge) after = args.field === "NAME" ? { nameKey: edge.nameKey } : { createdAt: edge.createdAt, id: edge.id };
  }
  const page = await searchPage(db, {
    table: "IntegrationSystem",
    matches,
    keyset: keysetAfter(after),
    orderBy: orderFor(args.direction),
    first: args.first,
    rowsByIds,
    cursorOf: args.cursorOf,
  });
  return { ...page, countTotal };
}
