import type { LabelDefinition, Tenant } from "@/generated/prisma-sqlite/client";
import { type Db, type Tx, isPostgres } from "@/lib/db";
import { transactionRefusingDuplicates } from "@/lib/db-errors";
import { newId } from "@/lib/ids";
import { plural } from "@/lib/text";
import { recordAudit } from "@/domain/audit/audit.service";
import { badInput, conflict, notFound } from "@/domain/errors";
import type { Principal } from "@/domain/principals/principal";
import { READ_ONLY_KEYS, SCENARIOS_KEY, checkLabelKey, checkSchema, scenariosSchemaProblem, schemaProblem } from "./label-rules";
import { lockLabelKeys } from "./label.service";

/**
 * A tenant's label definitions: one JSON Schema per label key. Values set
 * under the key must be valid against it, so a schema that labels already
 * set would break is refused (CONFLICT, naming how many objects hold them).
 */
export interface LabelDefinitionInput {
  key: string;
  schema?: string | null;
}

function validInput(input: LabelDefinitionInput): { key: string; schema: string | null } {
  const key = checkLabelKey(input.key, "in.key", "LabelDefinitionInput");
  if (READ_ONLY_KEYS.has(key)) throw badInput("in.key", `The label "${key}" is kept by the server and takes no definition`);
  const schema = input.schema === null || input.schema === undefined ? null : checkSchema(input.schema, "in.schema");
  const scenarios = key === SCENARIOS_KEY ? scenariosSchemaProblem(schema) : null;
  if (scenarios) throw badInput("in.schema", scenarios);
  return { key, schema };
}

/** How many objects of the tenant hold a label under `key` that `schema` refuses. */
async function breakingCount(tx: Tx, tenantId: string, key: string, schema: string | null): Promise<number> {
  if (schema === null) return 0;
  const labels = await tx.label.findMany({ where: { tenantId, key }, select: { value: true } });
  return labels.filter((label) => schemaProblem(schema, label.value) !== null).length;
}

function refuseBreaking(count: number, key: string) {
  if (count > 0) {
    throw conflict(`The schema would break the "${key}" label of ${plural(count, "object")} in this tenant; change or remove those labels first`, "in.schema", {
      failingObjectCount: count,
    });
  }
}

export function listLabelDefinitions(db: Db, tenant: Tenant): Promise<LabelDefinition[]> {
  return db.labelDefinition.findMany({ where: { tenantId: tenant.id }, orderBy: { key: "asc" } });
}

export function findLabelDefinition(db: Db, tenant: Tenant, key: string): Promise<LabelDefinition | null> {
  return db.labelDefinition.findUnique({ where: { tenantId_key: { tenantId: tenant.id, key } } });
}

export async function createLabelDefinition(db: Db, actor: Principal, tenant: Tenant, input: LabelDefinitionInput): Promise<LabelDefinition> {
  const valid = validInput(input);
  return transactionRefusingDuplicates(
    db,
    async (tx) => {
      // Labels being set under the key are waited for and counted below; later ones wait and see this definition.
      if (isPostgres(db)) await lockLabelKeys(tx, tenant.id, [valid.key], "exclusive");
      refuseBreaking(await breakingCount(tx, tenant.id, valid.key, valid.schema), valid.key);
      const definition = await tx.labelDefinition.create({ data: { id: newId(), tenantId: tenant.id, ...valid } });
      await recordAudit(tx, actor, {
        action: "LABEL_DEFINITION_CREATED",
        objectType: "LabelDefinition",
        objectId: definition.id,
        objectLabel: definition.key,
        details: { key: definition.key, schema: definition.schema, tenantId: tenant.id, tenantExternalId: tenant.externalId },
      });
      return definition;
    },
    () => conflict(`Tenant "${tenant.externalId}" already has a label definition for "${valid.key}"`, "in.key"),
  );
}

export async function updateLabelDefinition(db: Db, actor: Principal, tenant: Tenant, input: LabelDefinitionInput): Promise<LabelDefinition> {
  const valid = validInput(input);
  return db.$transaction(async (tx) => {
    const before = await tx.labelDefinition.findUnique({ where: { tenantId_key: { tenantId: tenant.id, key: valid.key } } });
    if (!before) throw notFound("label definition", valid.key, `updating it in tenant "${tenant.externalId}"`);
    // Written before the labels are checked: the row stays locked until commit, so
    // labels being set meanwhile wait and are checked against the new schema
    // (label.service.ts reads definitions FOR SHARE); a refusal rolls it back.
    const definition = await tx.labelDefinition.update({ where: { id: before.id }, data: { schema: valid.schema } });
    refuseBreaking(await breakingCount(tx, tenant.id, valid.key, valid.schema), valid.key);
    await recordAudit(tx, actor, {
      action: "LABEL_DEFINITION_UPDATED",
      objectType: "LabelDefinition",
      objectId: definition.id,
      objectLabel: definition.key,
      details: { key: definition.key, before: { schema: before.schema }, after: { schema: definition.schema }, tenantId: tenant.id },
    });
    return definition;
  });
}

export async function deleteLabelDefinition(db: Db, actor: Principal, tenant: Tenant, key: string, deleteRelatedLabels: boolean): Promise<LabelDefinition> {
  return db.$transaction(async (tx) => {
    const definition = await tx.labelDefinition.findUnique({ where: { tenantId_key: { tenantId: tenant.id, key } } });
    if (!definition) throw notFound("label definition", key, `deleting it in tenant "${tenant.externalId}"`);
    const labels = await tx.label.count({ where: { tenantId: tenant.id, key } });
    if (labels > 0 && !deleteRelatedLabels) {
      throw conflict(
        `${plural(labels, "object")} in this tenant still hold a "${key}" label; remove them, or delete with deleteRelatedLabels: true`,
        "deleteRelatedLabels",
        { labelCount: labels },
      );
    }
    if (labels > 0) await tx.label.deleteMany({ where: { tenantId: tenant.id, key } });
    await tx.labelDefinition.delete({ where: { id: definition.id } });
    await recordAudit(tx, actor, {
      action: "LABEL_DEFINITION_DELETED",
      objectType: "LabelDefinition",
      objectId: definition.id,
      objectLabel: key,
      details: { key, schema: definition.schema, deletedLabels: labels, tenantId: tenant.id },
    });
    return definition;
  });
}
