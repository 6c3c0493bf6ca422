import type { Db, Tx } from "@/lib/db";
import type { LabelFilterInput } from "./label-filter";
import { SCENARIOS_KEY } from "./label-rules";

/**
 * The one rule of scenario membership, as Compass had it before formations:
 * an application and a runtime meet when their `scenarios` labels share a
 * name (label-rules.ts checks the names). `applicationsForRuntime`, unpair and
 * default eventing all ask it through `inAnyOf`, the label filter that keeps
 * the objects in one of the given scenarios.
 */

/** The scenario names of a `scenarios` label value (a label that is not a list is in none). */
function scenariosOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((name): name is string => typeof name === "string") : [];
}

/** The scenarios this object is in. */
export async function scenariosOfObject(db: Db | Tx, objectId: string): Promise<string[]> {
  const label = await db.label.findUnique({ where: { objectId_key: { objectId, key: SCENARIOS_KEY } }, select: { value: true } });
  return scenariosOf(label?.value);
}

/** The scenarios of each of these objects, in one query (none for an object without the label). */
export async function scenariosOfObjects(db: Db | Tx, objectIds: readonly string[]): Promise<Map<string, string[]>> {
  const labels = await db.label.findMany({ where: { objectId: { in: [...objectIds] }, key: SCENARIOS_KEY }, select: { objectId: true, value: true } });
  const byObject = new Map<string, string[]>(objectIds.map((id) => [id, []]));
  for (const label of labels) byObject.set(label.objectId, scenariosOf(label.value));
  return byObject;
}

/** The label filter "its scenarios label holds one of these", in label-filter.ts's subset (the names are plain: label-rules.ts). */
export const inAnyOf = (scenarios: readonly string[]): LabelFilterInput => ({
  key: SCENARIOS_KEY,
  query: scenarios.map((name) => `$[*] ? (@ == ${JSON.stringify(name)})`).join(" || "),
});
