import type { FormationConstraint } from "@/generated/prisma-sqlite/client";
import type { Db, Tx } from "@/lib/db";
import { newId } from "@/lib/ids";
import { isUniqueViolation } from "@/lib/db-errors";
import { recordAudit } from "@/domain/audit/audit.service";
import { badInput, conflict, notFound } from "@/domain/errors";
import type { Principal } from "@/domain/principals/principal";
import { TEXT_MAX, TEXT_MAXIMA, validDescription } from "@/domain/validation/validation";

/**
 * Compass's formation constraints: global rules its formation engine runs
 * around formation operations, attached to formation templates. Stored,
 * checked and answered; nothing enforces them here (decision 0036).
 */

export interface FormationConstraintInput {
  name: string;
  description?: string | null;
  constraintType: string;
  targetOperation: string;
  operator: string;
  resourceType: string;
  resourceSubtype: string;
  inputTemplate: string;
  constraintScope: string;
  priority?: number | null;
}

export interface FormationConstraintUpdateInput {
  inputTemplate: string;
  priority?: number | null;
  description?: string | null;
}

/** At most this many constraints exist (the unpaged list answers them all: decision 0036). */
const MAX_CONSTRAINTS = 1000;
const SHORT = 256;
const TEMPLATE_MAX = TEXT_MAXIMA.outputTemplate ?? TEXT_MAX;
/** A Go template action, `{{ … }}`: its output is read as a string when the template is checked. */
const ACTION = /\{\{[^{}]*\}\}/g;

function validText(raw: string, field: string, max = SHORT): string {
  const text = raw.trim();
  if (!text) throw badInput(field, "Required");
  if (text.length > max) throw badInput(field, `At most ${max} characters`);
  return text;
}

/**
 * The input template is Compass's Go template whose output is the operator's
 * JSON input. It parses here if, each action written out as a word, the text
 * is a JSON object; an unclosed action or a broken object is BAD_USER_INPUT.
 */
function validInputTemplate(raw: string, field: string): string {
  const template = validText(raw, field, TEMPLATE_MAX);
  const written = template.replace(ACTION, "x");
  if (written.includes("{{") || written.includes("}}")) throw badInput(field, "An action `{{` is not closed, or `}}` not opened");
  let parsed: unknown;
  try {
    parsed = JSON.parse(written);
  } catch (error) {
    throw badInput(field, `The template's output is not JSON: ${(error as Error).message.slice(0, 120)}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw badInput(field, "The template's output is a JSON object");
  return template;
}

function validPriority(priority: number | null | undefined, field: string): number | undefined {
  if (priority == null) return undefined;
  if (!Number.isInteger(priority) || Math.abs(priority) > 1_000_000) throw badInput(field, "An integer between -1000000 and 1000000");
  return priority;
}

async function audit(tx: Tx, actor: Principal, action: string, row: FormationConstraint, details: Record<string, unknown>) {
  await recordAudit(tx, actor, { action, objectType: "FormationConstraint", objectId: row.id, objectLabel: row.name, details });
}

const auditFields = (row: FormationConstraint) => ({ ...row, createdAt: undefined });

export async function createFormationConstraint(db: Db, actor: Principal, input: FormationConstraintInput): Promise<FormationConstraint> {
  const f = "formationConstraint";
  const data = {
    name: validText(input.name, `${f}.name`),
    description: validDescription(input.description, `${f}.description`) ?? "",
    constraintType: input.constraintType,
    targetOperation: input.targetOperation,
    operator: validText(input.operator, `${f}.operator`),
    resourceType: input.resourceType,
    resourceSubtype: validText(input.resourceSubtype, `${f}.resourceSubtype`),
    inputTemplate: validInputTemplate(input.inputTemplate, `${f}.inputTemplate`),
    constraintScope: input.constraintScope,
    priority: validPriority(input.priority, `${f}.priority`) ?? 0,
  };
  return db.$transaction(async (tx) => {
    const held = await tx.formationConstraint.count();
    if (held >= MAX_CONSTRAINTS) throw conflict(`${held} formation constraints exist, the most there may be`);
    const row = await tx.formationConstraint.create({ data: { id: newId(), ...data } });
    await audit(tx, actor, "FORMATION_CONSTRAINT_CREATED", row, auditFields(row));
    return row;
  });
}

export async function updateFormationConstraint(db: Db, actor: Principal, id: string, input: FormationConstraintUpdateInput): Promise<FormationConstraint> {
  const data = {
    inputTemplate: validInputTemplate(input.inputTemplate, "in.inputTemplate"),
    priority: validPriority(input.priority, "in.priority"),
    description: input.description == null ? undefined : (validDescription(input.description, "in.description") ?? ""),
  };
  return db.$transaction(async (tx) => {
    const before = await tx.formationConstraint.findUnique({ where: { id } });
    if (!before) throw notFound("formation constraint", id, "updating it");
    const row = await tx.formationConstraint.update({ where: { id }, data });
    await audit(tx, actor, "FORMATION_CONSTRAINT_UPDATED", row, { before: auditFields(before), after: auditFields(row) });
    return row;
  });
}

export async function deleteFormationConstraint(db: Db, actor: Principal, id: string): Promise<FormationConstraint> {
  return db.$transaction(async (tx) => {
    const row = await tx.formationConstraint.findUnique({ where: { id } });
    if (!row) throw notFound("formation constraint", id, "deleting it");
    const detached = await tx.formationTemplateConstraint.deleteMany({ where: { constraintId: id } });
    await tx.formationConstraint.delete({ where: { id } });
    await audit(tx, actor, "FORMATION_CONSTRAINT_DELETED", row, { ...auditFields(row), detachedFromTemplates: detached.count });
    return row;
  });
}

export async function findFormationConstraint(db: Db, id: string): Promise<FormationConstraint> {
  const row = await db.formationConstraint.findUnique({ where: { id } });
  if (!row) throw notFound("formation constraint", id, "reading it");
  return row;
}

export function listFormationConstraints(db: Db): Promise<FormationConstraint[]> {
  return db.formationConstraint.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: MAX_CONSTRAINTS });
}

/** The constraints attached to each of these templates, oldest first (one read for a page of templates). */
export async function constraintsOfTemplates(db: Db, templateIds: readonly string[]): Promise<FormationConstraint[][]> {
  const rows = await db.formationTemplateConstraint.findMany({
    where: { formationTemplateId: { in: [...templateIds] } },
    include: { constraint: true },
    orderBy: [{ constraint: { createdAt: "asc" } }, { constraintId: "asc" }],
  });
  return templateIds.map((id) => rows.filter((row) => row.formationTemplateId === id).map((row) => row.constraint));
}

export async function constraintsOfTemplate(db: Db, templateId: string): Promise<FormationConstraint[]> {
  if (!(await db.formationTemplate.findUnique({ where: { id: templateId }, select: { id: true } }))) {
    throw notFound("formation template", templateId, "listing its constraints");
  }
  return (await constraintsOfTemplates(db, [templateId]))[0];
}

export async function attachConstraint(db: Db, actor: Principal, constraintId: string, formationTemplateId: string) {
  try {
    return await db.$transaction(async (tx) => {
      const { constraint, template } = await requireBoth(tx, constraintId, formationTemplateId, "attaching");
      await tx.formationTemplateConstraint.create({ data: { constraintId, formationTemplateId } });
      await audit(tx, actor, "FORMATION_CONSTRAINT_ATTACHED", constraint, { formationTemplateId, formationTemplate: template.name });
      return { constraintID: constraintId, formationTemplateID: formationTemplateId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict("The constraint is already attached to the formation template", "constraintID");
    throw error;
  }
}

export async function detachConstraint(db: Db, actor: Principal, constraintId: string, formationTemplateId: string) {
  return db.$transaction(async (tx) => {
    const { constraint, template } = await requireBoth(tx, constraintId, formationTemplateId, "detaching");
    const { count } = await tx.formationTemplateConstraint.deleteMany({ where: { constraintId, formationTemplateId } });
    if (!count) throw notFound("constraint attachment", constraintId, `detaching it from formation template "${template.name}"`);
    await audit(tx, actor, "FORMATION_CONSTRAINT_DETACHED", constraint, { formationTemplateId, formationTemplate: template.name });
    return { constraintID: constraintId, formationTemplateID: formationTemplateId };
  });
}

async function requireBoth(tx: Tx, constraintId: string, formationTemplateId: string, doing: string) {
  const constraint = await tx.formationConstraint.findUnique({ where: { id: constraintId } });
  if (!constraint) throw notFound("formation constraint", constraintId, `${doing} it`);
  const template = await tx.formationTemplate.findUnique({ where: { id: formationTemplateId } });
  if (!template) throw notFound("formation template", formationTemplateId, `${doing} a constraint`);
  return { constraint, template };
}
