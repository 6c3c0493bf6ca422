import { DEFAULT_FORMATION_TEMPLATE_NAME } from "@/lib/compass-enums";
import { type Formation, type FormationAssignment, Prisma, type Tenant } from "@/generated/prisma-sqlite/client";
import { type Db, type Tx, isPostgres } from "@/lib/db";
import { newId } from "@/lib/ids";
import { transactionRefusingDuplicates } from "@/lib/db-errors";
import { recordAudit } from "@/domain/audit/audit.service";
import { DomainError, badInput, conflict, notFound } from "@/domain/errors";
import type { Principal } from "@/domain/principals/principal";
import { SCENARIOS_KEY, scenarioNameProblem } from "@/domain/labels/label-rules";
import { type LabelTarget, writeLabels } from "@/domain/labels/label.service";
import { scenariosOfObject, scenariosOfObjects } from "@/domain/labels/scenarios";
import type { LazyPage } from "@/domain/paging/cursor";
import { BY_CREATED_AT, keyset, keysetPage } from "@/domain/paging/keyset";
import { findTenant } from "@/domain/tenants/tenant.service";
import { TENANT_OBJECT_KINDS } from "@/domain/tenant-objects/kinds";
import { findFormationTemplateByName, lockFormationTemplate, takesRuntimes } from "@/domain/formation-templates/formation-template.service";

/**
 * Compass's formations, on the `scenarios` label (decisions 0020 and 0036):
 * a formation is a named scenario of a tenant, made from a formation
 * template. Assigning an application, runtime or runtime context puts the
 * name in the object's `scenarios` label and stores the formation
 * assignments Compass would notify about (READY: nothing is sent);
 * unassigning takes both out. A subaccount (TENANT) is assigned as an
 * automatic scenario assignment. The tenant's `scenarios` label definition,
 * when it has one, keeps the formations' names in its enum.
 */

/** Compass's selector label of a subaccount in an automatic scenario assignment. */
const SUBACCOUNT_SELECTOR_KEY = "global_subaccount_id";
/** Each participant has an assignment towards each other one: n² rows, so a formation holds at most this many (decision 0036). */
const MAX_PARTICIPANTS = 100;
/** How far up the tenant hierarchy a subaccount may sit below the formation's tenant (customer → account → subaccount, and some). */
const MAX_TENANT_DEPTH = 8;
const STATES = ["READY", "DRAFT"] as const;

export type FormationObjectType = "APPLICATION" | "TENANT" | "RUNTIME" | "RUNTIME_CONTEXT";
type ParticipantType = Exclude<FormationObjectType, "TENANT">;

export interface FormationInput {
  name: string;
  templateName?: string | null;
  state?: string | null;
}

/** An automatic scenario assignment as the API answers it. */
export interface ScenarioAssignment {
  id: string;
  scenarioName: string;
  selector: { key: string; value: string };
  createdAt: Date;
}

function validFormationName(raw: string, field: string): string {
  const problem = scenarioNameProblem(raw);
  if (problem) throw badInput(field, problem);
  return raw;
}

const noun = (type: ParticipantType) => TENANT_OBJECT_KINDS[type].nouns.one;

async function audit(tx: Tx, actor: Principal, action: string, formation: Formation, details: Record<string, unknown>) {
  await recordAudit(tx, actor, {
    action,
    objectType: "Formation",
    objectId: formation.id,
    objectLabel: formation.name,
    details: { tenantId: formation.tenantId, ...details },
  });
}

/** The `scenarios` definition's enum gains or loses a name, when the tenant has a definition (decision 0036). */
async function keepDefinitionInStep(tx: Tx, postgres: boolean, tenantId: string, name: string, change: "add" | "remove") {
  if (postgres) await tx.$executeRaw`SELECT 1 FROM "LabelDefinition" WHERE "tenantId" = ${tenantId} AND "key" = ${SCENARIOS_KEY} FOR UPDATE`;
  const definition = await tx.labelDefinition.findUnique({ where: { tenantId_key: { tenantId, key: SCENARIOS_KEY } } });
  if (!definition?.schema) return;
  const schema = JSON.parse(definition.schema) as { items: { enum: string[] } };
  const names = schema.items.enum;
  const next = change === "add" ? (names.includes(name) ? names : [...names, name]) : names.filter((n) => n !== name);
  // The enum stays non-empty (decision 0020's shape): the last name stays when its formation goes.
  if (next === names || next.length === 0) return;
  schema.items.enum = next;
  await tx.labelDefinition.update({ where: { id: definition.id }, data: { schema: JSON.stringify(schema) } });
}

export async function createFormation(db: Db, actor: Principal, tenant: Tenant, input: FormationInput): Promise<Formation> {
  const name = validFormationName(input.name, "formation.name");
  const state = input.state ?? "READY";
  if (!(STATES as readonly string[]).includes(state)) throw badInput("formation.state", `One of ${STATES.join(", ")}`);
  const templateName = input.templateName?.trim() || DEFAULT_FORMATION_TEMPLATE_NAME;
  return transactionRefusingDuplicates(
    db,
    async (tx) => {
      const template = await findFormationTemplateByName(tx, templateName);
      if (!template) throw badInput("formation.templateName", `No formation template is named "${templateName.slice(0, 80)}"`);
      await lockFormationTemplate(tx, template.id, isPostgres(db), "SHARE");
      const row = await tx.formation.create({ data: { id: newId(), tenantId: tenant.id, name, formationTemplateId: template.id, state } });
      await keepDefinitionInStep(tx, isPostgres(db), tenant.id, name, "add");
      await audit(tx, actor, "FORMATION_CREATED", row, { template: template.name, state });
      return row;
    },
    () => conflict(`Tenant "${tenant.externalId}" already has a formation named "${name}"`, "formation.name"),
  );
}

/** Compass's deleteFormation: refused while any object or subaccount is assigned ("it is not empty"). */
export async function deleteFormation(db: Db, actor: Principal, tenant: Tenant, input: FormationInput): Promise<Formation> {
  return db.$transaction(async (tx) => {
    const formation = await lockedFormationByName(tx, isPostgres(db), tenant, input.name, "deleting it");
    const assigned = await objectsInScenario(tx, isPostgres(db), tenant.id, formation.name);
    const subaccounts = await tx.automaticScenarioAssignment.count({ where: { tenantId: tenant.id, scenario: formation.name } });
    if (assigned > 0 || subaccounts > 0) {
      throw conflict(
        `Cannot delete formation "${formation.name}": it is not empty (${assigned} object${assigned === 1 ? "" : "s"} and ${subaccounts} subaccount${subaccounts === 1 ? "" : "s"} assigned); unassign them first`,
        "formation.name",
        { objects: assigned, subaccounts },
      );
    }
    await tx.formation.delete({ where: { id: formation.id } });
    await keepDefinitionInStep(tx, isPostgres(db), tenant.id, formation.name, "remove");
    await audit(tx, actor, "FORMATION_DELETED", formation, {});
    return formation;
  });
}

/**
 * The objects of the tenant whose `scenarios` label holds the name, however it
 * got there (assignFormation, or the label set directly as decision 0020 allows).
 */
async function objectsInScenario(tx: Tx, postgres: boolean, tenantId: string, name: string): Promise<number> {
  const [row] = postgres
    ? await tx.$queryRaw<
        { n: bigint }[]
      >`SELECT COUNT(*) AS n FROM "Label" WHERE "tenantId" = ${tenantId} AND "key" = ${SCENARIOS_KEY} AND "value" @> ${JSON.stringify([name])}::jsonb`
    : await tx.$queryRaw<
        { n: bigint }[]
      >`SELECT COUNT(*) AS n FROM "Label" WHERE "tenantId" = ${tenantId} AND "key" = ${SCENARIOS_KEY} AND EXISTS (SELECT 1 FROM json_each("Label"."value") WHERE json_each.value = ${name})`;
  return Number(row.n);
}

/**
 * The formation's participants (their assignments to themselves). One whose
 * label no longer holds the name (a runtime unregistered, or its label
 * rewritten) leaves with its assignments here, so none is counted twice.
 */
async function liveParticipants(tx: Tx, formationId: string) {
  const formation = await tx.formation.findUniqueOrThrow({ where: { id: formationId }, select: { name: true } });
  const selves = await tx.formationAssignment.findMany({
    where: { formationId, source: { equals: tx.formationAssignment.fields.target } },
    select: { source: true, sourceType: true },
  });
  const scenarios = await scenariosOfObjects(
    tx,
    selves.map((row) => row.source),
  );
  const gone = selves.filter((row) => !scenarios.get(row.source)?.includes(formation.name)).map((row) => row.source);
  if (gone.length) await tx.formationAssignment.deleteMany({ where: { formationId, OR: [{ source: { in: gone } }, { target: { in: gone } }] } });
  return selves.filter((row) => !gone.includes(row.source));
}

/** The tenant's formation by name, its row locked on PostgreSQL: assignments to one formation run one after another. */
async function lockedFormationByName(tx: Tx, postgres: boolean, tenant: Tenant, name: string, doing: string): Promise<Formation> {
  if (postgres) await tx.$executeRaw`SELECT 1 FROM "Formation" WHERE "tenantId" = ${tenant.id} AND "name" = ${name} FOR UPDATE`;
  const formation = await tx.formation.findUnique({ where: { tenantId_name: { tenantId: tenant.id, name } } });
  if (!formation) throw notFound("formation", name, `${doing} in tenant "${tenant.externalId}"`);
  return formation;
}

/** The object in the tenant, locked on PostgreSQL (its labels change); another tenant's is NOT_FOUND on objectID. */
async function participant(tx: Tx, postgres: boolean, tenant: Tenant, type: ParticipantType, id: string, doing: string) {
  const kind = TENANT_OBJECT_KINDS[type];
  if (postgres) await tx.$queryRawUnsafe(`SELECT 1 FROM "${kind.table}" WHERE "id" = $1 AND "tenantId" = $2 FOR UPDATE`, id, tenant.id);
  const row = await kind.model(tx).findFirst({ where: { id, tenantId: tenant.id } });
  if (!row) throw new DomainError("NOT_FOUND", notFound(noun(type), id, `${doing} in tenant "${tenant.externalId}"`).message, "objectID");
  const target: LabelTarget = { type, id, tenantId: tenant.id, name: (row as { name?: string }).name ?? id, integrationSystemId: row.integrationSystemId };
  return target;
}

/** A subaccount: the tenant itself or one below it, by external or internal id. */
async function subaccount(tx: Tx, tenant: Tenant, idOrExternalId: string): Promise<Tenant> {
  const target = await findTenant(tx, idOrExternalId);
  if (!target) throw notFound("tenant", idOrExternalId, "assigning it to a formation");
  let level = [target.id];
  for (let depth = 0; depth <= MAX_TENANT_DEPTH && level.length > 0; depth++) {
    if (level.includes(tenant.id)) return target;
    level = (await tx.tenantParent.findMany({ where: { tenantId: { in: level } }, select: { parentId: true } })).map((row) => row.parentId);
  }
  throw badInput("objectID", `Tenant "${target.externalId}" is not "${tenant.externalId}" nor below it: only its own subaccounts may be assigned`);
}

/** What assignFormation and unassignFormation name (Compass's arguments): the object, by id and type, and the formation, by name. */
export interface FormationMembership {
  objectID: string;
  objectType: FormationObjectType;
  formation: FormationInput;
}

export async function assignFormation(db: Db, actor: Principal, tenant: Tenant, membership: FormationMembership): Promise<Formation> {
  const { objectID: objectId, objectType } = membership;
  const name = validFormationName(membership.formation.name, "formation.name");
  return db.$transaction(async (tx) => {
    const formation = await lockedFormationByName(tx, isPostgres(db), tenant, name, "assigning to it");
    if (objectType === "TENANT") {
      const target = await subaccount(tx, tenant, objectId);
      const known = await tx.automaticScenarioAssignment.findUnique({
        where: { tenantId_scenario_targetTenantId: { tenantId: tenant.id, scenario: name, targetTenantId: target.id } },
      });
      if (!known) {
        await tx.automaticScenarioAssignment.create({ data: { id: newId(), tenantId: tenant.id, scenario: name, targetTenantId: target.id } });
        await audit(tx, actor, "FORMATION_ASSIGNED", formation, { objectType, objectId: target.id, externalId: target.externalId });
      }
      return formation;
    }
    const template = await tx.formationTemplate.findUniqueOrThrow({ where: { id: formation.formationTemplateId } });
    if (objectType !== "APPLICATION" && !takesRuntimes(template)) {
      throw badInput("objectType", `Formation "${name}" of type "${template.name}" does not support resources of type "${objectType}"`);
    }
    const target = await participant(tx, isPostgres(db), tenant, objectType, objectId, "assigning it to a formation");
    const scenarios = await scenariosOfObject(tx, objectId);
    if (scenarios.includes(name)) return formation;
    const others = await liveParticipants(tx, formation.id);
    if (others.length >= MAX_PARTICIPANTS) {
      throw conflict(`Formation "${name}" already has ${others.length} participants, the most one may have`, "formation.name");
    }
    await writeLabels(tx, isPostgres(db), target, { [SCENARIOS_KEY]: [...scenarios, name] }, "objectID", false);
    const pairs = [
      { source: objectId, sourceType: objectType, target: objectId, targetType: objectType },
      ...others.flatMap((other) => [
        { source: objectId, sourceType: objectType, target: other.source, targetType: other.sourceType },
        { source: other.source, sourceType: other.sourceType, target: objectId, targetType: objectType },
      ]),
    ];
    await tx.formationAssignment.createMany({ data: pairs.map((pair) => ({ id: newId(), formationId: formation.id, tenantId: tenant.id, ...pair })) });
    await audit(tx, actor, "FORMATION_ASSIGNED", formation, { objectType, objectId, scenarios: [...scenarios, name] });
    return formation;
  });
}

export async function unassignFormation(db: Db, actor: Principal, tenant: Tenant, membership: FormationMembership): Promise<Formation> {
  return db.$transaction(async (tx) => {
    const formation = await lockedFormationByName(tx, isPostgres(db), tenant, membership.formation.name, "unassigning from it");
    return unassignIn(tx, isPostgres(db), actor, tenant, formation, membership.objectID, membership.objectType);
  });
}

async function unassignIn(
  tx: Tx,
  postgres: boolean,
  actor: Principal,
  tenant: Tenant,
  formation: Formation,
  objectId: string,
  objectType: FormationObjectType,
) {
  if (objectType === "TENANT") {
    const target = await findTenant(tx, objectId);
    const { count } = target
      ? await tx.automaticScenarioAssignment.deleteMany({ where: { tenantId: tenant.id, scenario: formation.name, targetTenantId: target.id } })
      : { count: 0 };
    if (count) await audit(tx, actor, "FORMATION_UNASSIGNED", formation, { objectType, objectId: target!.id, externalId: target!.externalId });
    return formation;
  }
  const target = await participant(tx, postgres, tenant, objectType, objectId, "unassigning it from a formation");
  const scenarios = await scenariosOfObject(tx, objectId);
  const { count } = await tx.formationAssignment.deleteMany({ where: { formationId: formation.id, OR: [{ source: objectId }, { target: objectId }] } });
  if (!scenarios.includes(formation.name) && count === 0) return formation;
  const rest = scenarios.filter((name) => name !== formation.name);
  if (rest.length) {
    await writeLabels(tx, postgres, target, { [SCENARIOS_KEY]: rest }, "objectID", false);
  } else {
    await tx.label.deleteMany({ where: { objectId, key: SCENARIOS_KEY } });
  }
  await audit(tx, actor, "FORMATION_UNASSIGNED", formation, { objectType, objectId, scenarios: rest });
  return formation;
}

/** Compass's unassignFormationGlobal: by the formation's id, in its own tenant. */
export async function unassignFormationGlobal(db: Db, actor: Principal, objectId: string, objectType: FormationObjectType, formationId: string) {
  return db.$transaction(async (tx) => {
    const found = await tx.formation.findUnique({ where: { id: formationId }, include: { tenant: true } });
    if (!found) throw notFound("formation", formationId, "unassigning from it");
    const { tenant, ...formation } = found;
    await lockedFormationByName(tx, isPostgres(db), tenant, formation.name, "unassigning from it");
    return unassignIn(tx, isPostgres(db), actor, tenant, formation, objectId, objectType);
  });
}

/** Compass's resynchronizeFormationNotifications: nothing is pending here, so it answers the formation; `reset` needs a template that supports it. */
export async function resynchronizeFormation(db: Db, tenant: Tenant, formationId: string, reset: boolean): Promise<Formation> {
  const formation = await db.formation.findFirst({ where: { id: formationId, tenantId: tenant.id }, include: { formationTemplate: true } });
  if (!formation) throw notFound("formation", formationId, `resynchronizing it in tenant "${tenant.externalId}"`);
  const { formationTemplate: template, ...row } = formation;
  if (reset && !template.supportsReset) {
    throw badInput("reset", `The operation is not allowed [reason=formation template "${template.name}" does not support resetting]`);
  }
  return row;
}

export const findFormation = (db: Db, tenant: Tenant, id: string) => db.formation.findFirst({ where: { id, tenantId: tenant.id } });
export const findFormationByName = (db: Db, tenant: Tenant, name: string) =>
  db.formation.findUnique({ where: { tenantId_name: { tenantId: tenant.id, name } } });

const FORMATIONS = keyset<Formation>("formations", BY_CREATED_AT, "ASC");

export function listFormations(db: Db, tenant: Tenant, args: { first: number; after?: string | null }): Promise<LazyPage<Formation>> {
  return keysetPage(
    db,
    { table: "Formation", rowsByIds: (ids) => db.formation.findMany({ where: { id: { in: ids } } }) },
    { matches: Prisma.sql`"tenantId" = ${tenant.id}`, keyset: FORMATIONS, first: args.first, after: args.after },
  );
}

/** The formations an object is in: its `scenarios` label's names, in its own tenant. */
export async function formationsForObject(db: Db, objectId: string): Promise<Formation[]> {
  const label = await db.label.findUnique({ where: { objectId_key: { objectId, key: SCENARIOS_KEY } }, select: { tenantId: true } });
  if (!label) return [];
  const names = await scenariosOfObject(db, objectId);
  return db.formation.findMany({ where: { tenantId: label.tenantId, name: { in: names } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

const ASSIGNMENTS = keyset<FormationAssignment>("formationAssignments", BY_CREATED_AT, "ASC");

export function listFormationAssignments(db: Db, formationId: string, args: { first: number; after?: string | null }): Promise<LazyPage<FormationAssignment>> {
  return keysetPage(
    db,
    { table: "FormationAssignment", rowsByIds: (ids) => db.formationAssignment.findMany({ where: { id: { in: ids } } }) },
    { matches: Prisma.sql`"formationId" = ${formationId}`, keyset: ASSIGNMENTS, first: args.first, after: args.after },
  );
}

export const findFormationAssignment = (db: Db, formationId: string, id: string) => db.formationAssignment.findFirst({ where: { id, formationId } });

type AsaRow = { id: string; scenario: string; createdAt: Date; targetTenantId: string };
/** The rows as the API answers them: each selector names its subaccount's external id (one read for all). */
async function asScenarioAssignments(db: Db, rows: readonly AsaRow[]): Promise<ScenarioAssignment[]> {
  const tenants = await db.tenant.findMany({
    where: { id: { in: [...new Set(rows.map((row) => row.targetTenantId))] } },
    select: { id: true, externalId: true },
  });
  const externalIds = new Map(tenants.map((tenant) => [tenant.id, tenant.externalId]));
  return rows.map((row) => ({
    id: row.id,
    scenarioName: row.scenario,
    selector: { key: SUBACCOUNT_SELECTOR_KEY, value: externalIds.get(row.targetTenantId) ?? row.targetTenantId },
    createdAt: row.createdAt,
  }));
}

const ASAS = keyset<ScenarioAssignment>("automaticScenarioAssignments", BY_CREATED_AT, "ASC");

export function listScenarioAssignments(db: Db, tenant: Tenant, args: { first: number; after?: string | null }): Promise<LazyPage<ScenarioAssignment>> {
  return keysetPage(
    db,
    {
      table: "AutomaticScenarioAssignment",
      rowsByIds: async (ids) => asScenarioAssignments(db, await db.automaticScenarioAssignment.findMany({ where: { id: { in: ids } } })),
    },
    { matches: Prisma.sql`"tenantId" = ${tenant.id}`, keyset: ASAS, first: args.first, after: args.after },
  );
}

export async function scenarioAssignmentForScenario(db: Db, tenant: Tenant, scenario: string): Promise<ScenarioAssignment | null> {
  const row = await db.automaticScenarioAssignment.findFirst({ where: { tenantId: tenant.id, scenario }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return row && (await asScenarioAssignments(db, [row]))[0];
}

export async function scenarioAssignmentsForSelector(db: Db, tenant: Tenant, selector: { key: string; value: string }): Promise<ScenarioAssignment[]> {
  if (selector.key !== SUBACCOUNT_SELECTOR_KEY) throw badInput("selector.key", `Subaccounts are selected by "${SUBACCOUNT_SELECTOR_KEY}"`);
  const target = await findTenant(db, selector.value);
  if (!target) return [];
  const rows = await db.automaticScenarioAssignment.findMany({
    where: { tenantId: tenant.id, targetTenantId: target.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return asScenarioAssignments(db, rows);
}
