import { Prisma, type Tenant } from "@/generated/prisma-sqlite/client";
import { afterTimeAndIdSql, containsSql, searchPage } from "@/domain/paging/search";
import { type Db, type Tx, rawReader } from "@/lib/db";
import { TIMESTAMP_COLUMNS, selectEveryColumn } from "@/lib/raw-select";
import { refusingDuplicates } from "@/lib/db-errors";
import { newId } from "@/lib/ids";
import { plural } from "@/lib/text";
import { recordAudit, recordAudits } from "@/domain/audit/audit.service";
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
import { validExternalId, validName } from "@/domain/validation/validation";
import { tenantNameProblem } from "@/lib/names";
import { conflict, notFound } from "@/domain/errors";
import { forgetCredentials } from "@/domain/credentials/system-auth.service";

/** Rules for tenants: validation, lookup by id or external id, paging, deletion with or without its applications, audit. */

export interface TenantInput {
  externalId: string;
  name: string;
}

interface ValidTenantInput {
  externalId: string;
  externalIdKey: string;
  name: string;
}

/** The key that makes external ids unique, and found, ignoring case. */
const externalIdKeyOf = (externalId: string) => externalId.toLowerCase();

function validateTenantInput(input: TenantInput, path = "in"): ValidTenantInput {
  const externalId = validExternalId(input.externalId, `${path}.externalId`);
  return { externalId, externalIdKey: externalIdKeyOf(externalId), name: validName(input.name, `${path}.name`, tenantNameProblem) };
}

/**
 * The tenant whose id, or else whose external id (ignoring case), is
 * `idOrExternalId`. An id wins, though the two never collide: external ids
 * equal to another tenant's id are refused.
 */
export async function findTenant(db: Db | Tx, idOrExternalId: string): Promise<Tenant | null> {
  // Every tenant-scoped request starts here: a prepared statement outside transactions (lib/db.ts, rawReader).
  const raw = rawReader(db);
  const candidates = raw
    ? await raw.rows<Tenant>(
        `${SELECT_TENANTS} WHERE "id" = $1 OR "externalIdKey" = $2 LIMIT 2`,
        [idOrExternalId, externalIdKeyOf(idOrExternalId)],
        TIMESTAMP_COLUMNS,
      )
    : await db.tenant.findMany({
        where: { OR: [{ id: idOrExternalId }, { externalIdKey: externalIdKeyOf(idOrExternalId) }] },
        take: 2,
      });
  return candidates.find((tenant) => tenant.id === idOrExternalId) ?? candidates[0] ?? null;
}

const SELECT_TENANTS = selectEveryColumn("Tenant", Prisma.TenantScalarFieldEnum);

function duplicateExternalId(externalId: string) {
  return conflict(`A tenant with external id "${externalId}" already exists (external ids are unique ignoring case)`, "in.externalId");
}

/** An external id that names another tenant's id would make the `tenant` header ambiguous. */
async function refuseOtherTenantsId(tx: Tx, valid: ValidTenantInput, ownId: string | null) {
  const clash = await tx.tenant.findFirst({
    where: { id: { in: [valid.externalId, valid.externalIdKey] }, ...(ownId ? { NOT: { id: ownId } } : {}) },
    select: { id: true },
  });
  if (clash) throw conflict(`External id "${valid.externalId}" is another tenant's id`, "in.externalId");
}

const detailsOf = (tenant: Tenant) => ({ externalId: tenant.externalId, name: tenant.name });

export async function createTenant(db: Db, actor: Principal, input: TenantInput): Promise<Tenant> {
  const valid = validateTenantInput(input);
  return refusingDuplicates(
    () =>
      db.$transaction(async (tx) => {
        await refuseOtherTenantsId(tx, valid, null);
        const tenant = await tx.tenant.create({ data: { id: newId(), ...valid } });
        await recordAudit(tx, actor, {
          action: "TENANT_CREATED",
          objectType: "Tenant",
          objectId: tenant.id,
          objectLabel: tenant.name,
          details: detailsOf(tenant),
        });
        return tenant;
      }),
    () => duplicateExternalId(valid.externalId),
  );
}

/** Replaces external id and name; `idOrExternalId` names the tenant. */
export async function updateTenant(db: Db, actor: Principal, idOrExternalId: string, input: TenantInput): Promise<Tenant> {
  const valid = validateTenantInput(input);
  return refusingDuplicates(
    () =>
      db.$transaction(async (tx) => {
        const before = await findTenant(tx, idOrExternalId);
        if (!before) throw notFound("tenant", idOrExternalId, "updating it");
        await refuseOtherTenantsId(tx, valid, before.id);
        const tenant = await tx.tenant.update({ where: { id: before.id }, data: valid });
        await recordAudit(tx, actor, {
          action: "TENANT_UPDATED",
          objectType: "Tenant",
          objectId: tenant.id,
          objectLabel: tenant.name,
          details: { before: detailsOf(before), after: detailsOf(tenant) },
        });
        return tenant;
      }),
    () => duplicateExternalId(valid.externalId),
  );
}

/**
 * Deletes a tenant. One that holds applications is a CONFLICT (naming how
 * many) unless `cascade`, which unregisters them in the same transaction and
 * audits each as APPLICATION_UNREGISTERED, so every application's own history
 * ends with its removal, plus TENANT_DELETED with the count.
 */
export async function deleteTenant(db: Db, actor: Principal, idOrExternalId: string, cascade = false): Promise<Tenant> {
  const { tenant, credentials } = await db.$transaction(async (tx) => {
    const tenant = await findTenant(tx, idOrExternalId);
    if (!tenant) throw notFound("tenant", idOrExternalId, "deleting it");
    // Checked and removed here: SQLite through the adapter does not enforce foreign keys.
    const applications = await tx.application.findMany({
      where: { tenantId: tenant.id },
      select: { id: true, name: true, integrationSystemId: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    const runtimes = await tx.runtime.findMany({
      where: { tenantId: tenant.id },
      select: { id: true, name: true, integrationSystemId: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    if (applications.length > 0 && !cascade) {
      throw conflict(
        `Tenant "${tenant.externalId}" still holds ${plural(applications.length, "application")}; unregister them first, or delete with cascade: true`,
        undefined,
        { applicationCount: applications.length, runtimeCount: runtimes.length },
      );
    }
    if (runtimes.length > 0 && !cascade) {
      throw conflict(
        `Tenant "${tenant.externalId}" still holds ${plural(runtimes.length, "runtime")}; unregister them first, or delete with cascade: true`,
        undefined,
        { applicationCount: 0, runtimeCount: runtimes.length },
      );
    }
    // Applications' and runtimes' credentials, labels and the tenant's label definitions go with it.
    const credentials = await tx.systemAuth.findMany({ where: { tenantId: tenant.id }, select: { id: true } });
    await tx.systemAuth.deleteMany({ where: { tenantId: tenant.id } });
    await tx.label.deleteMany({ where: { tenantId: tenant.id } });
    await tx.labelDefinition.deleteMany({ where: { tenantId: tenant.id } });
    await tx.runtime.deleteMany({ where: { tenantId: tenant.id } });
    await tx.application.deleteMany({ where: { tenantId: tenant.id } });
    await tx.tenant.delete({ where: { id: tenant.id } });
    await recordAudits(
      tx,
      actor,
      applications.map((application) => ({
        action: "APPLICATION_UNREGISTERED",
        objectType: "Application",
        objectId: application.id,
        objectLabel: application.name,
        details: {
          name: application.name,
          tenantId: tenant.id,
          tenantExternalId: tenant.externalId,
          integrationSystemId: application.integrationSystemId,
          reason: "TENANT_DELETED",
        },
      })),
    );
    await recordAudit(tx, actor, {
      action: "TENANT_DELETED",
      objectType: "Tenant",
      objectId: tenant.id,
      objectLabel: tenant.name,
      details: { ...detailsOf(tenant), unregisteredApplications: applications.length, unregisteredRuntimes: runtimes.length },
    });
    await recordAudits(
      tx,
      actor,
      runtimes.map((runtime) => ({
        action: "RUNTIME_UNREGISTERED",
        objectType: "Runtime",
        objectId: runtime.id,
        objectLabel: runtime.name,
        details: {
          name: runtime.name,
          tenantId: tenant.id,
          tenantExternalId: tenant.externalId,
          integrationSystemId: runtime.integrationSystemId,
          reason: "TENANT_DELETED",
        },
      })),
    );
    return { tenant, credentials: credentials.map((row) => row.id) };
  });
  forgetCredentials(db, credentials);
  return tenant;
}

const CURSOR_KIND = "tenants";

/** Oldest first; keyset on (createdAt, id). */
type TenantOrderField = "NAME" | "EXTERNAL_ID" | "CREATED_AT";

export interface TenantListArgs {
  first: number;
  after?: string | null;
  /** Matches names or external ids containing it, ignoring case. */
  search?: string | null;
  orderBy?: { field: TenantOrderField; direction?: "ASC" | "DESC" | null } | null;
}

/**
 * One page in keyset order: (createdAt, id), (externalIdKey) which is unique,
 * or (name, id) since names need not be. Searches run as raw SQL with a
 * literal LIKE (paging/search.ts); the plain list stays on Prisma.
 */
export async function listTenants(db: Db, args: TenantListArgs): Promise<LazyPage<Tenant>> {
  const first = checkPageSize(args.first);
  const field = args.orderBy?.field ?? "CREATED_AT";
  const direction = args.orderBy?.direction ?? "ASC";
  // The original ordering keeps its cursor kind, so cursors handed out before stay valid.
  const kind = field === "CREATED_AT" && direction === "ASC" ? CURSOR_KIND : `${CURSOR_KIND}:${field}:${direction}`;
  const cursorOf = (row: Tenant) =>
    field === "NAME" ? encodeCursor(kind, [row.name, row.id]) : field === "EXTERNAL_ID" ? encodeCursor(kind, [row.externalIdKey]) : timeAndIdCursor(kind, row);
  const search = args.search?.trim().toLowerCase();
  if (field === "CREATED_AT" && direction === "ASC" && !search) {
    // The plain list, as before: Prisma, seeking the (createdAt, id) index.
    const after = decodeTimeAndIdCursor(kind, args.after);
    const where = after ? afterTimeAndId(after.createdAt, after.id, "ASC") : {};
    const rows = await db.tenant.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: first + 1 });
    return { ...toPage(rows, first, cursorOf), countTotal: () => db.tenant.count() };
  }
  const op = Prisma.raw(direction === "ASC" ? ">" : "<");
  const dir = Prisma.raw(direction);
  let keyset = Prisma.sql`1 = 1`;
  if (args.after && field === "NAME") {
    const [name, id] = decodeCursor(kind, args.after, ["string", "string"]);
    keyset = Prisma.sql`("name" ${op} ${name} OR ("name" = ${name} AND "id" ${op} ${id}))`;
  } else if (args.after && field === "EXTERNAL_ID") {
    const [key] = decodeCursor(kind, args.after, ["string"]);
    keyset = Prisma.sql`"externalIdKey" ${op} ${key}`;
  } else if (args.after) {
    const after = decodeTimeAndIdCursor(kind, args.after)!;
    keyset = afterTimeAndIdSql(after.createdAt, after.id, direction);
  }
  const matches = search
    ? Prisma.sql`(${containsSql("externalIdKey", search)} OR LOWER("name") LIKE ${`%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`} ESCAPE '\\')`
    : Prisma.sql`1 = 1`;
  const orderBy =
    field === "NAME"
      ? Prisma.sql`"name" ${dir}, "id" ${dir}`
      : field === "EXTERNAL_ID"
        ? Prisma.sql`"externalIdKey" ${dir}`
        : Prisma.sql`"createdAt" ${dir}, "id" ${dir}`;
  return searchPage(db, {
    table: "Tenant",
    matches,
    keyset,
    orderBy,
    first,
    rowsByIds: (ids) => db.tenant.findMany({ where: { id: { in: ids } } }),
    cursorOf,
  });
}
