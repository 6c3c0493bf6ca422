import { nameSkeleton } from "@/lib/name-skeleton";
import { descriptionProblem, externalIdProblem, nameProblem, normalizeName } from "@/lib/names";
import { badInput } from "@/domain/errors";

/** lib/names.ts's rules as the API applies them: normalised values, or BAD_USER_INPUT naming `field`. */

/**
 * The longest text any String argument or input field may hold, in
 * characters (code points), unless TEXT_MAXIMA names another. The
 * longest text the product stores is a description (lib/names.ts), but for
 * webhooks' templates and certificates (TEXT_MAXIMA).
 */
export const TEXT_MAX = 2000;

/** Webhooks' templates and client certificates: real ones pass 2000 characters (decision 0023). */
const WEBHOOK_TEMPLATE_MAX = 10_000;

/**
 * Other maxima by argument or input-field name. A search longer than any
 * name matches nothing, and SQLite refuses LIKE patterns over 50,000 bytes.
 * The per-field rules (name 64, external id 64, password 256) are checked
 * where the value is used, with their own messages. Webhooks' templates and a
 * certificate (a PEM chain) may be longer; domain/webhooks checks them again.
 */
export const TEXT_MAXIMA: Readonly<Record<string, number>> = {
  search: 200,
  searchTerm: 200,
  urlTemplate: WEBHOOK_TEMPLATE_MAX,
  inputTemplate: WEBHOOK_TEMPLATE_MAX,
  headerTemplate: WEBHOOK_TEMPLATE_MAX,
  outputTemplate: WEBHOOK_TEMPLATE_MAX,
  statusTemplate: WEBHOOK_TEMPLATE_MAX,
  certificate: 16_384,
};

/** By own entries only: names come from the document (an object field may be called `constructor`). */
export const textMaxFor = (name: string) => (Object.hasOwn(TEXT_MAXIMA, name) ? TEXT_MAXIMA[name] : TEXT_MAX);

export function validName(raw: string, field: string, problemOf: (name: string) => string | null = nameProblem): string {
  const name = normalizeName(raw);
  const problem = problemOf(name);
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
  /** Unique like nameKey (a unique column, so it holds under concurrent writes): names must not look alike. */
  nameSkeleton: string;
  description: string | null;
}

export function validNamedInput(input: { name: string; description?: string | null }, path = "in"): ValidNamedInput {
  const name = validName(input.name, `${path}.name`);
  return { name, nameKey: nameKeyOf(name), nameSkeleton: nameSkeleton(name), description: validDescription(input.description, `${path}.description`) };
}
