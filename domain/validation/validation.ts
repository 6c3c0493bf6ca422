import { descriptionProblem, externalIdProblem, nameProblem, normalizeName } from "../../lib/names";
import { badInput } from "../errors";

/** lib/names.ts's rules as the API applies them: normalised values, or BAD_USER_INPUT naming `field`. */

export function validName(raw: string, field: string): string {
  const name = normalizeName(raw);
  const problem = nameProblem(name);
  if (problem) throw badInput(field, problem);
  return name;
}

/** A description, trimmed; empty means none. */
export function validDescription(raw: string | null | undefined, field: string): string | null {
  const description = raw?.trim() || null;
  const problem = description && descriptionProblem(description);
  if (problem) throw badInput(field, problem);
  return description;
}

export function validExternalId(raw: string, field: string): string {
  const externalId = raw.trim();
  const problem = externalIdProblem(externalId);
  if (problem) throw badInput(field, problem);
  return externalId;
}

/** The key that makes names unique ignoring case. */
export function nameKeyOf(name: string): string {
  return name.normalize("NFC").toLowerCase();
}

/** Input with a unique name and a description (integration systems, applications), ready to store. */
export interface ValidNamedInput {
  name: string;
  nameKey: string;
  description: string | null;
}

export function validNamedInput(input: { name: string; description?: string | null }, path = "in"): ValidNamedInput {
  const name = validName(input.name, `${path}.name`);
  return { name, nameKey: nameKeyOf(name), description: validDescription(input.description, `${path}.description`) };
}
