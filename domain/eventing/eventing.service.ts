import type { Application, Tenant } from "@/generated/prisma-sqlite/client";
import { Prisma } from "@/generated/prisma-sqlite/client";
import { type Db, type Tx, isPostgres } from "@/lib/db";
import { isForeignKeyViolation } from "@/lib/db-errors";
import { recordAudit } from "@/domain/audit/audit.service";
import { DomainError, badInput } from "@/domain/errors";
import type { Principal } from "@/domain/principals/principal";
import { labelFiltersSql } from "@/domain/labels/label-filter";
import { labelsOfObjects } from "@/domain/labels/label.service";
import { inAnyOf, scenariosOfObjects } from "@/domain/labels/scenarios";
import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { RUNTIME } from "@/domain/tenant-objects/kinds/runtime";
import { findObject, requireManagedObject } from "@/domain/tenant-objects/tenant-object.service";

/**
 * Compass's default eventing for applications (Compass's internal/domain/eventing
 * and Compass's docs/director/03-default-eventing-for-application.md): an application's
 * events go to one runtime sharing a scenario with it, the one chosen with
 * setDefaultEventingForApplication while it still shares one, else the oldest
 * runtime of its tenant that does. Its URL is the runtime's eventing URL with
 * the path `/<application name>/v1/events`. The chosen runtime is a
 * DefaultEventing row, not Compass's `<appID>_defaultEventing` runtime label,
 * and reading never writes it (decision 0033).
 */

/** The runtime label Compass reads a runtime's eventing URL from (RuntimeEventingURLLabel). */
const EVENTING_URL_LABEL = "runtime_eventServiceUrl";
/** Compass's runtime label saying whether application names in its URLs are normalized: absent, or "true", says yes. */
const IS_NORMALIZED_LABEL = "isNormalized";
/** Compass's DefaultNormalizator prefix. */
const NORMALIZED_PREFIX = "mp-";
/** Applications asked about in one statement: SQLite allows 500 terms in a compound SELECT. */
const APPLICATIONS_PER_STATEMENT = 200;

export interface EventingConfiguration {
  defaultURL: string;
}

const NO_EVENTING: EventingConfiguration = { defaultURL: "" };

/**
 * `Runtime.eventingConfiguration`: its `runtime_eventServiceUrl` label when a
 * string, else "" (Compass's EmptyEventingURL). Compass fails the field on a
 * value that is not a string; here any label value is allowed, so such a
 * runtime answers "" rather than an error.
 */
export function runtimeEventingConfiguration(labels: Record<string, unknown>): EventingConfiguration {
  const url = labels[EVENTING_URL_LABEL];
  return { defaultURL: typeof url === "string" ? url : "" };
}

const foldName = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^-a-z0-9]/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/-$/, "");

/** Compass's DefaultNormalizator: `mp-` and the name in lower case, other characters folded to single dashes; a normalized name stays. */
export function normalizedApplicationName(name: string): string {
  if (name.startsWith(NORMALIZED_PREFIX) && foldName(name) === name) return name;
  return foldName(NORMALIZED_PREFIX + name);
}

/**
 * The application's URL on a runtime whose eventing URL is `runtimeURL`:
 * that URL with the path `/<name>/v1/events`, its query and fragment kept.
 * A URL without a host (none, or not absolute) is answered as it is, as
 * Compass's NewApplicationEventingConfiguration does.
 */
function applicationEventingURL(runtimeURL: string, name: string): string {
  let url: URL;
  try {
    url = new URL(runtimeURL);
  } catch {
    return runtimeURL;
  }
  if (!url.host) return runtimeURL;
  url.pathname = `/${name}/v1/events`;
  return url.href;
}

/** The name in the URL: normalized unless the runtime's `isNormalized` label says "false" (or anything but "true"). */
function nameOnRuntime(app: Pick<Application, "name">, runtimeLabels: Record<string, unknown>): string {
  const normalize = !Object.hasOwn(runtimeLabels, IS_NORMALIZED_LABEL) || runtimeLabels[IS_NORMALIZED_LABEL] === "true";
  return normalize ? normalizedApplicationName(app.name) : app.name;
}

type EventingApplication = Pick<Application, "id" | "tenantId" | "name" | "systemNumber">;

/**
 * For each application, the id of the runtime its events go to: the chosen
 * one while it shares a scenario with it, else the oldest runtime of its
 * tenant sharing one; none when no runtime does. Two statements for any
 * number of applications up to 200 (scenarios, then one branch per
 * application), each branch seeking one row.
 */
async function eventingRuntimesOf(db: Db | Tx, postgres: boolean, apps: readonly EventingApplication[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (apps.length === 0) return found;
  const scenarios = await scenariosOfObjects(
    db,
    apps.map((app) => app.id),
  );
  const inScenarios = apps.filter((app) => scenarios.get(app.id)!.length > 0);
  for (let start = 0; start < inScenarios.length; start += APPLICATIONS_PER_STATEMENT) {
    const branches = inScenarios.slice(start, start + APPLICATIONS_PER_STATEMENT).map(
      (app, index) => Prisma.sql`SELECT * FROM (
        SELECT CAST(${app.id} AS TEXT) AS "applicationId", "Runtime"."id" AS "runtimeId" FROM "Runtime"
        WHERE "Runtime"."tenantId" = ${app.tenantId} AND ${labelFiltersSql([inAnyOf(scenarios.get(app.id)!)], "RUNTIME", "Runtime", postgres)}
        ORDER BY CASE WHEN "Runtime"."id" IN (SELECT "runtimeId" FROM "DefaultEventing" WHERE "applicationId" = ${app.id}) THEN 0 ELSE 1 END,
          "Runtime"."createdAt", "Runtime"."id"
        LIMIT 1) AS ${Prisma.raw(`"branch${index}"`)}`,
    );
    const rows = await db.$queryRaw<{ applicationId: string; runtimeId: string }[]>`${Prisma.join(branches, " UNION ALL ")}`;
    for (const row of rows) found.set(row.applicationId, row.runtimeId);
  }
  return found;
}

/** Each application's configuration from the runtimes chosen for it, their labels read in one query. */
async function configurationsOf(
  db: Db | Tx,
  apps: readonly EventingApplication[],
  runtimes: Map<string, string>,
  withSystemNumber: boolean,
): Promise<Map<string, EventingConfiguration>> {
  const labels = await labelsOfObjects(db, [...new Set(runtimes.values())]);
  const configurations = new Map<string, EventingConfiguration>();
  for (const app of apps) {
    const runtimeId = runtimes.get(app.id);
    if (!runtimeId) {
      configurations.set(app.id, NO_EVENTING);
      continue;
    }
    const runtimeLabels = labels.get(runtimeId)!;
    const { defaultURL } = runtimeEventingConfiguration(runtimeLabels);
    // Compass's query adds the system number; its two mutations do not (service.go).
    const name = nameOnRuntime(app, runtimeLabels) + (withSystemNumber && app.systemNumber ? `-${app.systemNumber}` : "");
    configurations.set(app.id, { defaultURL: applicationEventingURL(defaultURL, name) });
  }
  return configurations;
}

/**
 * `Application.eventingConfiguration` for a page of applications at once:
 * three statements (scenarios, runtimes, their labels), whatever the page's size.
 */
export async function eventingConfigurationsOf(db: Db, apps: readonly EventingApplication[]): Promise<Map<string, EventingConfiguration>> {
  return configurationsOf(db, apps, await eventingRuntimesOf(db, isPostgres(db), apps), true);
}

/** The runtime `runtimeId` of the application's tenant when it shares a scenario with the application, else null. */
async function runtimeSharingScenario(tx: Tx, postgres: boolean, app: EventingApplication, runtimeId: string): Promise<string | null> {
  const [appScenarios] = (await scenariosOfObjects(tx, [app.id])).values();
  if (appScenarios.length === 0) return null;
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "Runtime"."id" FROM "Runtime"
    WHERE "Runtime"."id" = ${runtimeId} AND "Runtime"."tenantId" = ${app.tenantId}
      AND ${labelFiltersSql([inAnyOf(appScenarios)], "RUNTIME", "Runtime", postgres)}`;
  return rows[0]?.id ?? null;
}

const detailsOf = (app: Application, tenant: Tenant) => ({ name: app.name, tenantId: tenant.id, tenantExternalId: tenant.externalId });

/**
 * Compass's setDefaultEventingForApplication: the runtime becomes the
 * application's default eventing runtime, replacing the one chosen before.
 * Refused unless the caller may change the application (an integration
 * system: only one it manages) and the runtime, of the application's tenant,
 * shares a scenario with it: an unknown runtime is NOT_FOUND, one outside its
 * scenarios BAD_USER_INPUT, both on `runtimeID`.
 */
export async function setDefaultEventing(db: Db, actor: Principal, tenant: Tenant, appId: string, runtimeId: string): Promise<EventingConfiguration> {
  const postgres = isPostgres(db);
  return db.$transaction(async (tx) => {
    const app = await requireManagedObject(tx, APPLICATION, actor, tenant, appId, "setting the default eventing of");
    const runtime = await findObject(RUNTIME, tx, tenant, runtimeId);
    const unknownRuntime = () =>
      new DomainError(
        "NOT_FOUND",
        `No runtime with id "${runtimeId.slice(0, 80)}" exists in tenant "${tenant.externalId}" (while setting the default eventing of an application)`,
        "runtimeID",
      );
    if (!runtime) throw unknownRuntime();
    if (!(await runtimeSharingScenario(tx, postgres, app, runtime.id))) {
      throw badInput(
        "runtimeID",
        `Runtime "${runtime.name}" [ID=${runtime.id}] is not assigned to the scenarios of application "${app.name}": assign both to one scenario (the "scenarios" label) first`,
      );
    }
    const before = await tx.defaultEventing.findUnique({ where: { applicationId: app.id }, select: { runtimeId: true } });
    try {
      await tx.defaultEventing.upsert({
        where: { applicationId: app.id },
        create: { applicationId: app.id, runtimeId: runtime.id },
        update: { runtimeId: runtime.id, createdAt: new Date() },
      });
    } catch (error) {
      // PostgreSQL: the runtime (or the application) was unregistered since it was read, and committed first.
      if (isForeignKeyViolation(error)) throw unknownRuntime();
      throw error;
    }
    await recordAudit(tx, actor, {
      action: "APPLICATION_DEFAULT_EVENTING_SET",
      objectType: APPLICATION.table,
      objectId: app.id,
      objectLabel: app.name,
      details: { ...detailsOf(app, tenant), before: { runtimeId: before?.runtimeId ?? null }, after: { runtimeId: runtime.id, runtimeName: runtime.name } },
    });
    return (await configurationsOf(tx, [app], new Map([[app.id, runtime.id]]), false)).get(app.id)!;
  });
}

/**
 * Compass's deleteDefaultEventingForApplication: forgets the chosen runtime,
 * so the oldest runtime sharing a scenario takes over, and answers the
 * configuration in effect before (Compass's: the chosen runtime's URL).
 */
export async function deleteDefaultEventing(db: Db, actor: Principal, tenant: Tenant, appId: string): Promise<EventingConfiguration> {
  const postgres = isPostgres(db);
  return db.$transaction(async (tx) => {
    const app = await requireManagedObject(tx, APPLICATION, actor, tenant, appId, "deleting the default eventing of");
    const runtimes = await eventingRuntimesOf(tx, postgres, [app]);
    const { count } = await tx.defaultEventing.deleteMany({ where: { applicationId: app.id } });
    if (count > 0) {
      await recordAudit(tx, actor, {
        action: "APPLICATION_DEFAULT_EVENTING_DELETED",
        objectType: APPLICATION.table,
        objectId: app.id,
        objectLabel: app.name,
        details: detailsOf(app, tenant),
      });
    }
    return (await configurationsOf(tx, [app], runtimes, false)).get(app.id)!;
  });
}
