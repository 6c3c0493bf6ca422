import { type Application, Prisma, type Tenant } from "@/generated/prisma-sqlite/client";
import { type Db, type Tx, isPostgres, rawReader } from "@/lib/db";
import { TIMESTAMP_COLUMNS, selectEveryColumn } from "@/lib/raw-select";
import { refusingDuplicates } from "@/lib/db-errors";
import { newId } from "@/lib/ids";
import { recordAudit } from "@/domain/audit/audit.service";
import type { Principal } from "@/domain/principals/principal";
import { type LazyPage, afterTimeAndId, checkPageSize, decodeTimeAndIdCursor, timeAndIdCursor, toPage } from "@/domain/paging/cursor";
import { afterTimeAndIdSql, containsSql, searchPage } from "@/domain/paging/search";
import { conflict, notFound } from "@/domain/errors";
import { requireManager } from "@/domain/principals/authorize";
import { type LabelTarget, deleteLabelsOf, writeLabels } from "@/domain/labels/label.service";
import { type LabelFilterInput, labelFiltersSql } from "@/domain/labels/label-filter";
import { deleteCredentialsOf, forgetCredentials } from "@/domain/credentials/system-auth.service";
import { nameKeyOf, validNamedInput } from "@/domain/validation/validation";

/**
 * Rules for applications: each lives in one tenant (every operation names
 * it), names are unique in the tenant ignoring case, and an integration system
 * manages what it registers and may change nothing else.
 */

export interface ApplicationRegisterInput {
  name: string;
  description?: string | null;
  integrationSystemID?: string | null;
  labels?: Record<string, unknown> | null;
}

export interface ApplicationUpdateInput {
  name: string;
  description?: string | null;
  /** Replaces every label when given; omitted, they stay. */
  labels?: Record<string, unknown> | null;
}

const labelTarget = (application: Application): LabelTarget => ({ type: "APPLICATION", ...application });

function duplicateName(name: string, tenant: Tenant) {
  return conflict(
    `An application named "${name}" already exists in tenant "${tenant.externalId}" (names are unique per tenant, ignoring case and look-alike letters)`,
    "in.name",
  );
}

/** Audit details: where the application lives and who manages it, beside its own fields. */
const detailsOf = (application: Application, tenant: Tenant) => ({
  name: application.name,
  description: application.description,
  tenantId: tenant.id,
  tenantExternalId: tenant.externalId,
  integrationSystemId: application.integrationSystemId,
});

/** The tenant may have been deleted since the request named it; SQLite would not refuse the orphan. */
async function requireTenantStill(tx: Tx, tenant: Tenant, doing: string) {
  if (!(await tx.tenant.findUnique({ where: { id: tenant.id }, select: { id: true } }))) throw notFound("tenant", tenant.id, doing);
}

/**
 * Registers an application in `tenant`. When an integration system registers
 * it, that system manages it, whatever the input says; a user may name any
 * existing integration system, or none.
 */
export async function registerApplication(db: Db, actor: Principal, tenant: Tenant, input: ApplicationRegisterInput): Promise<Application> {
  const valid = validNamedInput(input);
  const integrationSystemId = actor.kind === "INTEGRATION_SYSTEM" ? actor.integrationSystemId : input.integrationSystemID || null;
  const doing = `registering an application in tenant "${tenant.externalId}"`;
  return refusingDuplicates(
    () =>
      db.$transaction(async (tx) => {
        await requireTenantStill(tx, tenant, doing);
        if (integrationSystemId && !(await tx.integrationSystem.findUnique({ where: { id: integrationSystemId }, select: { id: true } }))) {
          throw notFound("integration system", integrationSystemId, doing);
        }
        const application = await tx.application.create({ data: { id: newId(), tenantId: tenant.id, integrationSystemId, ...valid } });
        const labels = input.labels ? (await writeLabels(tx, isPostgres(db), labelTarget(application), input.labels, "in.labels", false)).after : undefined;
        await recordAudit(tx, actor, {
          action: "APPLICATION_REGISTERED",
          objectType: "Application",
          objectId: application.id,
          objectLabel: application.name,
          details: { ...detailsOf(application, tenant), ...(labels ? { labels } : {}) },
        });
        return application;
      }),
    () => duplicateName(valid.name, tenant),
  );
}

/** The application with this id in this tenant; one in another tenant is as unknown as one that never existed. */
async function requireInTenant(tx: Tx, tenant: Tenant, id: string, doing: string): Promise<Application> {
  const application = await tx.application.findFirst({ where: { id, tenantId: tenant.id } });
  if (!application) throw notFound("application", id, `${doing} in tenant "${tenant.externalId}"`);
  return application;
}

/** Users with the scope may change any application; an integration system only those it manages. */
function requireManagedBy(actor: Principal, application: Application, doing: string) {
  requireManager(actor, application, "application", doing);
}

/** Replaces name and description (an omitted description clears it). */
export async function updateApplication(db: Db, actor: Principal, tenant: Tenant, id: string, input: ApplicationUpdateInput): Promise<Application> {
  const valid = validNamedInput(input);
  return refusingDuplicates(
    () =>
      db.$transaction(async (tx) => {
        const before = await requireInTenant(tx, tenant, id, "updating it");
        requireManagedBy(actor, before, "updating");
        const application = await tx.application.update({ where: { id }, data: valid });
        const labels = input.labels ? await writeLabels(tx, isPostgres(db), labelTarget(application), input.labels, "in.labels", true) : null;
        await recordAudit(tx, actor, {
          action: "APPLICATION_UPDATED",
          objectType: "Application",
          objectId: id,
          objectLabel: application.name,
          details: {
            before: { name: before.name, description: before.description, ...(labels ? { labels: labels.before } : {}) },
            after: { name: application.name, description: application.description, ...(labels ? { labels: labels.after } : {}) },
            tenantId: tenant.id,
            tenantExternalId: tenant.externalId,
            integrationSystemId: application.integrationSystemId,
          },
        });
        return application;
      }),
    () => duplicateName(valid.name, tenant),
  );
}

/** Deletes it with its labels and credentials; the credentials' tokens are refused at once. */
export async function unregisterApplication(db: Db, actor: Principal, tenant: Tenant, id: string): Promise<Application> {
  const { application, credentials } = await db.$transaction(async (tx) => {
    const application = await requireInTenant(tx, tenant, id, "unregistering it");
    requireManagedBy(actor, application, "unregistering");
    const credentials = await deleteCredentialsOf(tx, "APPLICATION", [id]);
    await deleteLabelsOf(tx, [id]);
    await tx.application.delete({ where: { id } });
    await recordAudit(tx, actor, {
      action: "APPLICATION_UNREGISTERED",
      objectType: "Application",
      objectId: id,
      objectLabel: application.name,
      details: { ...detailsOf(application, tenant), deletedCredentials: credentials },
    });
    return { application, credentials };
  });
  forgetCredentials(db, credentials);
  return application;
}

/** null for an unknown id and for an application of another tenant alike. A prepared statement where the client has one (lib/db.ts, rawReader). */
export async function findApplication(db: Db, tenant: Tenant, id: string): Promise<Application | null> {
  const raw = rawReader(db);
  if (!raw) return db.application.findFirst({ where: { id, tenantId: tenant.id } });
  const [row] = await raw.rows<Application>(`${SELECT_APPLICATIONS} WHERE "id" = $1 AND "tenantId" = $2`, [id, tenant.id], TIMESTAMP_COLUMNS);
  return row ?? null;
}

const SELECT_APPLICATIONS = selectEveryColumn("Application", Prisma.ApplicationScalarFieldEnum);

export interface ListArgs {
  first: number;
  after?: string | null;
}

const cursorOf = (kind: string) => (row: Application) => timeAndIdCursor(kind, row);

/** Rows matching `where`, oldest first, one keyset page. */
async function pageOf(db: Db, kind: string, where: Prisma.ApplicationWhereInput, args: ListArgs): Promise<LazyPage<Application>> {
  const first = checkPageSize(args.first);
  const after = decodeTimeAndIdCursor(kind, args.after);
  const keyset = after ? afterTimeAndId(after.createdAt, after.id, "ASC") : {};
  const rows = await db.application.findMany({
    where: { AND: [where, keyset] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: first + 1,
  });
  return { ...toPage(rows, first, cursorOf(kind)), countTotal: () => db.application.count({ where }) };
}

/**
 * A tenant's applications, oldest first; `search` keeps names containing it,
 * ignoring case, and `filter` those matching every label filter.
 */
export async function listApplications(
  db: Db,
  tenant: Tenant,
  args: ListArgs & { search?: string | null; filter?: readonly LabelFilterInput[] | null },
): Promise<LazyPage<Application>> {
  const kind = "applications";
  const search = args.search?.trim();
  const filters = labelFiltersSql(args.filter, "APPLICATION", "Application", isPostgres(db));
  if (!search && !args.filter?.length) return pageOf(db, kind, { tenantId: tenant.id }, args);

  // A literal match and label filters need raw SQL (paging/search.ts); rows are then read through Prisma so they map alike.
  const first = checkPageSize(args.first);
  const after = decodeTimeAndIdCursor(kind, args.after);
  const named = search ? containsSql("nameKey", nameKeyOf(search)) : Prisma.sql`1 = 1`;
  const matches = Prisma.sql`"tenantId" = ${tenant.id} AND ${named} AND ${filters}`;
  const keyset = after ? afterTimeAndIdSql(after.createdAt, after.id, "ASC") : Prisma.sql`1 = 1`;
  return searchPage(db, {
    table: "Application",
    matches,
    keyset,
    orderBy: Prisma.sql`"createdAt" ASC, "id" ASC`,
    first,
    rowsByIds: (ids) => db.application.findMany({ where: { id: { in: ids } } }),
    cursorOf: cursorOf(kind),
  });
}

/** The applications an integration system manages, across all tenants, oldest first. */
export function listApplicationsOfSystem(db: Db, integrationSystemId: string, args: ListArgs): Promise<LazyPage<Application>> {
  return pageOf(db, "integrationSystemApplications", { integrationSystemId }, args);
}
