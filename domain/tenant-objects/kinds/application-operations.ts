import type { Application, Tenant } from "@/generated/prisma-sqlite/client";
import { Prisma } from "@/generated/prisma-sqlite/client";
import { type Db, type Tx, isPostgres } from "@/lib/db";
import { recordAudit } from "@/domain/audit/audit.service";
import { badInput, conflict } from "@/domain/errors";
import type { Principal } from "@/domain/principals/principal";
import type { LazyPage } from "@/domain/paging/cursor";
import { deleteCredentialsOf, forgetCredentials } from "@/domain/credentials/system-auth.service";
import { deleteLabelsOf, writeLabels } from "@/domain/labels/label.service";
import { type LabelFilterInput, labelFiltersSql } from "@/domain/labels/label-filter";
import { SCENARIOS_KEY } from "@/domain/labels/label-rules";
import { inAnyOf, scenariosOfObject } from "@/domain/labels/scenarios";
import { forgetDefaultEventingOf } from "@/domain/eventing/default-eventing-store";
import { findObject, listObjects, requireManagedObject } from "../tenant-object.service";
import { APPLICATION } from "./application";
import { RUNTIME } from "./runtime";

/**
 * Compass's application operations beyond the core's register, update and
 * unregister: the applications a runtime sees through its scenarios, the
 * look-ups by the provider's local tenant id, unpair and merge. Scenarios are
 * the `scenarios` label, as Compass had them before formations
 * (domain/labels/label-rules.ts); their rules are read from Compass's service
 * (internal/domain/application/service.go) and its e2e tests.
 */

const LOCAL_TENANT_ID_MAX = 256;

const EMPTY_PAGE = <Row>(): LazyPage<Row> => ({
  rows: [],
  pageInfo: { startCursor: "", endCursor: "", hasNextPage: false },
  countTotal: async () => 0,
});

/**
 * The tenant's applications in any of the runtime's scenarios, oldest first.
 * An unknown runtime is BAD_USER_INPUT (Compass's "runtime does not exist"); a
 * runtime in no scenario sees none.
 */
export async function listApplicationsForRuntime(
  db: Db,
  tenant: Tenant,
  runtimeId: string,
  args: { first: number; after?: string | null },
): Promise<LazyPage<Application>> {
  if (!(await findObject(RUNTIME, db, tenant, runtimeId))) {
    throw badInput("runtimeID", `Runtime "${runtimeId.slice(0, 80)}" does not exist in tenant "${tenant.externalId}"`);
  }
  const scenarios = await scenariosOfObject(db, runtimeId);
  if (scenarios.length === 0) {
    // The cursor is still checked, as every list checks it.
    if (args.after) await listObjects(APPLICATION, db, tenant, { first: 1, after: args.after, matching: Prisma.sql`1 = 0` });
    return EMPTY_PAGE();
  }
  return listObjects(APPLICATION, db, tenant, { ...args, filter: [inAnyOf(scenarios)] });
}

function validLocalTenantId(raw: string, field: string): string {
  const value = raw.trim();
  if (!value) throw badInput(field, "localTenantID=cannot be blank");
  if ([...value].length > LOCAL_TENANT_ID_MAX) throw badInput(field, `At most ${LOCAL_TENANT_ID_MAX} characters`);
  return value;
}

/** The tenant's applications with this localTenantID, oldest first; label filters as in `applications`. */
export function listApplicationsByLocalTenantId(
  db: Db,
  tenant: Tenant,
  localTenantId: string,
  args: { first: number; after?: string | null; filter?: readonly (LabelFilterInput | null | undefined)[] | null },
): Promise<LazyPage<Application>> {
  const value = validLocalTenantId(localTenantId, "localTenantID");
  const filter = args.filter?.filter((item): item is LabelFilterInput => item != null);
  return listObjects(APPLICATION, db, tenant, { first: args.first, after: args.after, filter, matching: Prisma.sql`"localTenantId" = ${value}` });
}

/** The tenant's application with this localTenantID registered from this template, or null. */
export async function findApplicationByLocalTenantIdAndTemplate(
  db: Db,
  tenant: Tenant,
  localTenantId: string,
  templateId: string,
): Promise<Application | null> {
  const value = validLocalTenantId(localTenantId, "localTenantID");
  return db.application.findFirst({
    where: { tenantId: tenant.id, localTenantId: value, applicationTemplateId: templateId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/** The names of the tenant's runtimes in any of these scenarios, for the messages that name them. */
async function runtimesInScenarios(tx: Tx, postgres: boolean, tenant: Tenant, scenarios: readonly string[]): Promise<string[]> {
  if (scenarios.length === 0) return [];
  const condition = labelFiltersSql([inAnyOf(scenarios)], "RUNTIME", "Runtime", postgres);
  const rows = await tx.$queryRaw<{ name: string }[]>`SELECT "name" FROM "Runtime" WHERE "tenantId" = ${tenant.id} AND ${condition} ORDER BY "name" LIMIT 50`;
  return rows.map((row) => row.name);
}

const detailsOf = (app: Application, tenant: Tenant) => ({
  name: app.name,
  tenantId: tenant.id,
  tenantExternalId: tenant.externalId,
  integrationSystemId: app.integrationSystemId,
});

/**
 * Compass's unpair: the application goes back to INITIAL, its timestamp
 * moves. Refused (CONFLICT) while it shares a scenario with a runtime, in
 * Compass's words, which name both.
 */
export async function unpairApplication(db: Db, actor: Principal, tenant: Tenant, id: string): Promise<Application> {
  return db.$transaction(async (tx) => {
    const app = await requireManagedObject(tx, APPLICATION, actor, tenant, id, "unpairing");
    const scenarios = await scenariosOfObject(tx, id);
    const runtimes = await runtimesInScenarios(tx, isPostgres(db), tenant, scenarios);
    if (runtimes.length > 0) {
      throw conflict(
        `System ${app.name} is still used and cannot be deleted. Unassign the system from the following formations first: ${scenarios.join(", ")}. Then, unassign the system from the following runtimes, too: ${runtimes.join(", ")}`,
        "id",
      );
    }
    const row = await tx.application.update({ where: { id }, data: { statusCondition: "INITIAL", statusTimestamp: new Date() } });
    await recordAudit(tx, actor, {
      action: "APPLICATION_UNPAIRED",
      objectType: APPLICATION.table,
      objectId: id,
      objectLabel: app.name,
      details: { ...detailsOf(app, tenant), before: { statusCondition: app.statusCondition }, after: { statusCondition: "INITIAL" } },
    });
    return row;
  });
}

/** The columns a merge fills in the destination from the source where the destination has none (Compass's mergo.Merge). */
const MERGED_COLUMNS = [
  "description",
  "providerName",
  "baseUrl",
  "healthCheckUrl",
  "systemNumber",
  "systemStatus",
  "localTenantId",
  "applicationNamespace",
  "integrationSystemId",
  "error",
] as const;

/** Compass's managed label: "true" on the merged application if it is on either. */
const MANAGED_KEY = "managed";

const trimmedBaseUrl = (app: Application) => (app.baseUrl ?? "").replace(/\/$/, "");

/**
 * Compass's mergeApplications: the source goes into the destination and is
 * unregistered. Both must be registered from the same application template and
 * have the same baseUrl; the source must be in no scenario and INITIAL. The
 * destination keeps every field and label it has and takes the source's where
 * it has none; its scenarios stay its own; `managed` is "true" if either's is.
 * The source's credentials go with it, their tokens refused at once.
 */
export async function mergeApplications(db: Db, actor: Principal, tenant: Tenant, destinationId: string, sourceId: string): Promise<Application> {
  if (destinationId === sourceId) throw badInput("sourceID", "An application cannot be merged into itself");
  const postgres = isPostgres(db);
  const { row, credentials } = await db.$transaction(async (tx) => {
    const source = await requireManagedObject(tx, APPLICATION, actor, tenant, sourceId, "merging", "merging it (the source)");
    const sourceScenarios = await scenariosOfObject(tx, sourceId);
    if (sourceScenarios.length > 0) {
      throw conflict(`System ${source.name} is part of the following formations : ${sourceScenarios.join(", ")}`, "sourceID");
    }
    const destination = await requireManagedObject(tx, APPLICATION, actor, tenant, destinationId, "merging", "merging into it (the destination)");
    const sourceUrl = trimmedBaseUrl(source);
    const destinationUrl = trimmedBaseUrl(destination);
    if (!sourceUrl || !destinationUrl || sourceUrl !== destinationUrl) {
      throw badInput(
        "sourceID",
        `BaseURL for applications ${destinationId} and ${sourceId} are not the same. Destination app BaseURL: ${destinationUrl}. Source app BaseURL: ${sourceUrl}`,
      );
    }
    const sourceTemplate = source.applicationTemplateId ?? "";
    const destinationTemplate = destination.applicationTemplateId ?? "";
    if (!sourceTemplate || !destinationTemplate || sourceTemplate !== destinationTemplate) {
      throw badInput(
        "sourceID",
        `Application templates are not the same. Destination app template: ${destinationTemplate}. Source app template: ${sourceTemplate}`,
      );
    }
    if (source.statusCondition !== "INITIAL") {
      throw conflict(`Cannot merge application with id ${sourceId}, because it is in a ${source.statusCondition} status`, "sourceID");
    }
    const filled = Object.fromEntries(MERGED_COLUMNS.filter((column) => !destination[column] && source[column]).map((column) => [column, source[column]]));

    const labelsOf = async (id: string) =>
      Object.fromEntries((await tx.label.findMany({ where: { objectId: id }, select: { key: true, value: true } })).map((label) => [label.key, label.value]));
    const sourceLabels = await labelsOf(sourceId);
    const destinationLabels = await labelsOf(destinationId);
    const added = Object.fromEntries(Object.entries(sourceLabels).filter(([key]) => key !== SCENARIOS_KEY && !(key in destinationLabels)));
    if (sourceLabels[MANAGED_KEY] === "true" || destinationLabels[MANAGED_KEY] === "true") {
      if (destinationLabels[MANAGED_KEY] !== "true") added[MANAGED_KEY] = "true";
    }

    const credentials = await deleteCredentialsOf(tx, "APPLICATION", [sourceId]);
    await deleteLabelsOf(tx, [sourceId]);
    // The source's chosen eventing runtime goes with it; the destination keeps its own.
    await forgetDefaultEventingOf(tx, [sourceId]);
    await tx.application.delete({ where: { id: sourceId } });
    await recordAudit(tx, actor, {
      action: APPLICATION.audit.unregistered,
      objectType: APPLICATION.table,
      objectId: sourceId,
      objectLabel: source.name,
      details: { ...detailsOf(source, tenant), reason: "MERGED", mergedInto: destinationId, deletedCredentials: credentials },
    });
    const row = await tx.application.update({ where: { id: destinationId }, data: filled });
    if (Object.keys(added).length > 0) await writeLabels(tx, postgres, { type: "APPLICATION", ...row }, added, "sourceID", false);
    await recordAudit(tx, actor, {
      action: "APPLICATION_MERGED",
      objectType: APPLICATION.table,
      objectId: destinationId,
      objectLabel: row.name,
      details: { ...detailsOf(row, tenant), sourceId, sourceName: source.name, filledFields: Object.keys(filled), addedLabels: Object.keys(added) },
    });
    return { row, credentials };
  });
  forgetCredentials(db, credentials);
  return row;
}
