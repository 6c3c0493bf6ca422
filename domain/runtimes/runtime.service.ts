import { Prisma, type Runtime, type Tenant } from "@/generated/prisma-sqlite/client";
import { type Db, type Tx, isPostgres } from "@/lib/db";
import { refusingDuplicates } from "@/lib/db-errors";
import { newId } from "@/lib/ids";
import { recordAudit } from "@/domain/audit/audit.service";
import { badInput, conflict, notFound } from "@/domain/errors";
import type { Principal } from "@/domain/principals/principal";
import { requireManager } from "@/domain/principals/authorize";
import { type LazyPage, afterTimeAndId, checkPageSize, decodeTimeAndIdCursor, timeAndIdCursor, toPage } from "@/domain/paging/cursor";
import { afterTimeAndIdSql, containsSql, searchPage } from "@/domain/paging/search";
import { nameKeyOf, validDescription, validNamedInput } from "@/domain/validation/validation";
import { deleteCredentialsOf, forgetCredentials } from "@/domain/credentials/system-auth.service";
import { type LabelTarget, deleteLabelsOf, writeLabels } from "@/domain/labels/label.service";
import { type LabelFilterInput, labelFiltersSql } from "@/domain/labels/label-filter";

/**
 * Rules for runtimes, as for applications: each lives in one tenant, names
 * are unique in it ignoring case and look-alike letters, and an integration
 * system manages the runtimes it registers and may change no other.
 */
export const RUNTIME_CONDITIONS = ["INITIAL", "PROVISIONING", "CONNECTED", "FAILED"] as const;
export type RuntimeCondition = (typeof RUNTIME_CONDITIONS)[number];

export interface RuntimeInput {
  name: string;
  description?: string | null;
  labels?: Record<string, unknown> | null;
  statusCondition?: RuntimeCondition | null;
  applicationNamespace?: string | null;
}

function validRuntimeInput(input: RuntimeInput) {
  const condition = input.statusCondition ?? null;
  if (condition !== null && !RUNTIME_CONDITIONS.includes(condition)) throw badInput("in.statusCondition", `One of ${RUNTIME_CONDITIONS.join(", ")}`);
  return { ...validNamedInput(input), applicationNamespace: validDescription(input.applicationNamespace, "in.applicationNamespace"), condition };
}

const duplicateName = (name: string, tenant: Tenant) =>
  conflict(
    `A runtime named "${name}" already exists in tenant "${tenant.externalId}" (names are unique per tenant, ignoring case and look-alike letters)`,
    "in.name",
  );

const labelTarget = (runtime: Runtime): LabelTarget => ({ type: "RUNTIME", ...runtime });

const detailsOf = (runtime: Runtime, tenant: Tenant) => ({
  name: runtime.name,
  description: runtime.description,
  statusCondition: runtime.statusCondition,
  applicationNamespace: runtime.applicationNamespace,
  tenantId: tenant.id,
  tenantExternalId: tenant.externalId,
  integrationSystemId: runtime.integrationSystemId,
});

async function requireTenantStill(tx: Tx, tenant: Tenant, doing: string) {
  if (!(await tx.tenant.findUnique({ where: { id: tenant.id }, select: { id: true } }))) throw notFound("tenant", tenant.id, doing);
}

async function requireInTenant(tx: Tx, tenant: Tenant, id: string, doing: string): Promise<Runtime> {
  const runtime = await tx.runtime.findFirst({ where: { id, tenantId: tenant.id } });
  if (!runtime) throw notFound("runtime", id, `${doing} in tenant "${tenant.externalId}"`);
  return runtime;
}

/** Registers a runtime; when an integration system registers it, that system manages it. */
export async function registerRuntime(db: Db, actor: Principal, tenant: Tenant, input: RuntimeInput): Promise<Runtime> {
  const { condition, ...valid } = validRuntimeInput(input);
  const integrationSystemId = actor.kind === "INTEGRATION_SYSTEM" ? actor.integrationSystemId : null;
  return refusingDuplicates(
    () =>
      db.$transaction(async (tx) => {
        await requireTenantStill(tx, tenant, `registering a runtime in tenant "${tenant.externalId}"`);
        const runtime = await tx.runtime.create({
          data: { id: newId(), tenantId: tenant.id, integrationSystemId, statusCondition: condition ?? "INITIAL", ...valid },
        });
        const labels = input.labels ? (await writeLabels(tx, isPostgres(db), labelTarget(runtime), input.labels, "in.labels", false)).after : undefined;
        await recordAudit(tx, actor, {
          action: "RUNTIME_REGISTERED",
          objectType: "Runtime",
          objectId: runtime.id,
          objectLabel: runtime.name,
          details: { ...detailsOf(runtime, tenant), ...(labels ? { labels } : {}) },
        });
        return runtime;
      }),
    () => duplicateName(valid.name, tenant),
  );
}

/** Replaces name, description and namespace; labels when given; the condition when given (its timestamp moves with it). */
export async function updateRuntime(db: Db, actor: Principal, tenant: Tenant, id: string, input: RuntimeInput): Promise<Runtime> {
  const { condition, ...valid } = validRuntimeInput(input);
  return refusingDuplicates(
    () =>
      db.$transaction(async (tx) => {
        const before = await requireInTenant(tx, tenant, id, "updating it");
        requireManager(actor, before, "runtime", "updating");
        const status = condition && condition !== before.statusCondition ? { statusCondition: condition, statusTimestamp: new Date() } : {};
        const runtime = await tx.runtime.update({ where: { id }, data: { ...valid, ...status } });
        const labels = input.labels ? await writeLabels(tx, isPostgres(db), labelTarget(runtime), input.labels, "in.labels", true) : null;
        const { tenantId: _t, tenantExternalId: _e, integrationSystemId, ...was } = detailsOf(before, tenant);
        const { tenantId: _t2, tenantExternalId: _e2, integrationSystemId: _i2, ...is } = detailsOf(runtime, tenant);
        await recordAudit(tx, actor, {
          action: "RUNTIME_UPDATED",
          objectType: "Runtime",
          objectId: id,
          objectLabel: runtime.name,
          details: {
            before: { ...was, ...(labels ? { labels: labels.before } : {}) },
            after: { ...is, ...(labels ? { labels: labels.after } : {}) },
            tenantId: tenant.id,
            tenantExternalId: tenant.externalId,
            integrationSystemId,
          },
        });
        return runtime;
      }),
    () => duplicateName(valid.name, tenant),
  );
}

/** Deletes it with its labels and credentials; the credentials' tokens are refused at once. */
export async function unregisterRuntime(db: Db, actor: Principal, tenant: Tenant, id: string): Promise<Runtime> {
  const { runtime, credentials } = await db.$transaction(async (tx) => {
    const runtime = await requireInTenant(tx, tenant, id, "unregistering it");
    requireManager(actor, runtime, "runtime", "unregistering");
    const credentials = await deleteCredentialsOf(tx, "RUNTIME", [id]);
    await deleteLabelsOf(tx, [id]);
    await tx.runtime.delete({ where: { id } });
    await recordAudit(tx, actor, {
      action: "RUNTIME_UNREGISTERED",
      objectType: "Runtime",
      objectId: id,
      objectLabel: runtime.name,
      details: { ...detailsOf(runtime, tenant), deletedCredentials: credentials },
    });
    return { runtime, credentials };
  });
  forgetCredentials(db, credentials);
  return runtime;
}

export function findRuntime(db: Db, tenant: Tenant, id: string): Promise<Runtime | null> {
  return db.runtime.findFirst({ where: { id, tenantId: tenant.id } });
}

/** A tenant's runtimes, oldest first, keeping those whose name contains `search` (ignoring case) and that match every label filter; keyset pages either way. */
export async function listRuntimes(
  db: Db,
  tenant: Tenant,
  args: { first: number; after?: string | null; search?: string | null; filter?: readonly LabelFilterInput[] | null },
): Promise<LazyPage<Runtime>> {
  const kind = "runtimes";
  const first = checkPageSize(args.first);
  const after = decodeTimeAndIdCursor(kind, args.after);
  const cursorOf = (row: Runtime) => timeAndIdCursor(kind, row);
  const search = args.search?.trim();
  const filters = labelFiltersSql(args.filter, "RUNTIME", "Runtime", isPostgres(db));
  if (!search && !args.filter?.length) {
    const where = { tenantId: tenant.id };
    const rows = await db.runtime.findMany({
      where: { AND: [where, after ? afterTimeAndId(after.createdAt, after.id, "ASC") : {}] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: first + 1,
    });
    return { ...toPage(rows, first, cursorOf), countTotal: () => db.runtime.count({ where }) };
  }
  return searchPage(db, {
    table: "Runtime",
    // Names containing the search, ignoring case (as applications'), with the label filters.
    matches: Prisma.sql`"tenantId" = ${tenant.id} AND ${search ? containsSql("nameKey", nameKeyOf(search)) : Prisma.sql`1 = 1`} AND ${filters}`,
    keyset: after ? afterTimeAndIdSql(after.createdAt, after.id, "ASC") : Prisma.sql`1 = 1`,
    orderBy: Prisma.sql`"createdAt" ASC, "id" ASC`,
    first,
    rowsByIds: (ids) => db.runtime.findMany({ where: { id: { in: ids } } }),
    cursorOf,
  });
}
