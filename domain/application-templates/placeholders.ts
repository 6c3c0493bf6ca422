import { badInput } from "@/domain/errors";
import { TEXT_MAX } from "@/domain/validation/validation";

/**
 * An application template's placeholders: `{{name}}` inside the strings of its
 * applicationInput, filled in when a tenant registers an application from it.
 * Filling works on the parsed JSON, one string at a time, in one pass: a value
 * is inserted as text and never read again, so a value holding `{{other}}`,
 * quotes, backslashes or JSON syntax stays exactly that text (Compass replaced
 * into the raw JSON text instead, where such a value broke or changed the input).
 */

export interface Placeholder {
  name: string;
  description: string | null;
  jsonPath: string | null;
  optional: boolean;
}

export interface PlaceholderInput {
  name: string;
  description?: string | null;
  jsonPath?: string | null;
  optional?: boolean | null;
}

/** Compass's rule for placeholder names: up to 36 of a-z, 0-9, '-' and '.', not starting with a digit. */
const NAME = /^[a-z.-][a-z0-9.-]{0,35}$/;
const MAX_PLACEHOLDERS = 50;
/** `{{` name `}}`, the name as Compass writes it; what lies between the braces is matched whole. */
const USE = /\{\{([^{}]{1,64})\}\}/g;

function optionalText(raw: string | null | undefined, field: string): string | null {
  const text = raw?.trim();
  if (!text) return null;
  if ([...text].length > TEXT_MAX) throw badInput(field, `At most ${TEXT_MAX} characters`);
  return text;
}

export function validPlaceholders(inputs: readonly PlaceholderInput[] | null | undefined, field: string): Placeholder[] {
  const list = inputs ?? [];
  if (list.length > MAX_PLACEHOLDERS) throw badInput(field, `At most ${MAX_PLACEHOLDERS} placeholders`);
  const seen = new Set<string>();
  return list.map((input, i) => {
    const at = `${field}[${i}]`;
    const name = input.name.trim();
    if (!NAME.test(name)) {
      throw badInput(`${at}.name`, "Up to 36 characters: lower-case letters, digits, '-' and '.', not starting with a digit");
    }
    if (seen.has(name)) throw badInput(`${at}.name`, `The placeholder "${name}" is defined twice`);
    seen.add(name);
    return {
      name,
      description: optionalText(input.description, `${at}.description`),
      jsonPath: optionalText(input.jsonPath, `${at}.jsonPath`),
      optional: !!input.optional,
    };
  });
}

/** Every string inside a JSON value, with where it is (`name`, `labels.a[0]`) and the key it sits under. */
function* stringsOf(value: unknown, at = "", key = ""): Generator<{ at: string; key: string; text: string }> {
  if (typeof value === "string") yield { at, key, text: value };
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* stringsOf(item, `${at}[${i}]`, key);
  else if (value && typeof value === "object") {
    for (const [k, item] of Object.entries(value)) yield* stringsOf(item, at ? `${at}.${k}` : k, k);
  }
}

/** The placeholder names used anywhere in a JSON value. */
function placeholdersUsedIn(value: unknown): Set<string> {
  const used = new Set<string>();
  for (const { text } of stringsOf(value)) for (const match of text.matchAll(USE)) used.add(match[1]);
  return used;
}

/** Compass's check: every placeholder defined is used in the applicationInput. */
export function requireEveryPlaceholderUsed(placeholders: readonly Placeholder[], applicationInput: unknown, field: string): void {
  const used = placeholdersUsedIn(applicationInput);
  const unused = placeholders.findIndex((placeholder) => !used.has(placeholder.name));
  if (unused >= 0)
    throw badInput(
      `${field}[${unused}].name`,
      `The placeholder "${placeholders[unused].name}" is not used in applicationInput (as {{${placeholders[unused].name}}})`,
    );
}

/**
 * The value with each `{{name}}` of a known placeholder replaced by its value,
 * in one pass over each original string; unknown `{{…}}` stay as written. A
 * label whose whole value was an optional placeholder left empty is dropped,
 * as Compass drops it.
 */
export function fillPlaceholders(value: unknown, placeholders: readonly Placeholder[], values: ReadonlyMap<string, string>, underLabels = false): unknown {
  if (typeof value === "string") {
    return value.replace(USE, (whole, name: string) => (placeholders.some((placeholder) => placeholder.name === name) ? (values.get(name) ?? "") : whole));
  }
  if (Array.isArray(value)) return value.map((item) => fillPlaceholders(item, placeholders, values));
  if (value && typeof value === "object") {
    const filled: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const result = fillPlaceholders(item, placeholders, values, key === "labels" && !underLabels);
      if (underLabels && result === "" && typeof item === "string" && item.trim().startsWith("{{")) continue;
      filled[key] = result;
    }
    return filled;
  }
  return value;
}

/** A placeholder's value in `placeholdersPayload` at its jsonPath (`a.b`, `a.0.b`, an optional leading `$.`), as text. */
function atJsonPath(payload: unknown, path: string): string | undefined {
  let node = payload;
  for (const step of path.replace(/^\$\.?/, "").split(".")) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, step)) return undefined;
    node = (node as Record<string, unknown>)[step];
  }
  if (node === null || node === undefined) return undefined;
  return typeof node === "string" ? node : JSON.stringify(node);
}

export interface TemplateValueInput {
  placeholder: string;
  value: string;
}

/**
 * The placeholders' values from exactly one of `values` or
 * `placeholdersPayload`. An unknown placeholder, one given twice, or a
 * required one missing is BAD_USER_INPUT naming it.
 */
export function placeholderValues(
  placeholders: readonly Placeholder[],
  input: { values?: readonly (TemplateValueInput | null | undefined)[] | null; placeholdersPayload?: string | null },
): { values: Map<string, string>; fieldOf: (name: string) => string } {
  const values = new Map<string, string>();
  const fields = new Map<string, string>();
  if (input.values && input.placeholdersPayload != null) throw badInput("in.placeholdersPayload", "Give either values or placeholdersPayload, not both");
  if (input.placeholdersPayload != null) {
    let payload: unknown;
    try {
      payload = JSON.parse(input.placeholdersPayload);
    } catch {
      throw badInput("in.placeholdersPayload", "Not valid JSON");
    }
    for (const placeholder of placeholders) {
      const value = atJsonPath(payload, placeholder.jsonPath ?? placeholder.name);
      if (value !== undefined) values.set(placeholder.name, value);
      fields.set(placeholder.name, "in.placeholdersPayload");
    }
  } else {
    for (const [i, item] of (input.values ?? []).entries()) {
      if (!item) continue;
      const field = `in.values[${i}].placeholder`;
      if (!placeholders.some((placeholder) => placeholder.name === item.placeholder)) {
        throw badInput(
          field,
          `The template has no placeholder "${item.placeholder.slice(0, 80)}" (it has: ${placeholders.map((p) => p.name).join(", ") || "none"})`,
        );
      }
      if (values.has(item.placeholder)) throw badInput(field, `The placeholder "${item.placeholder}" is given twice`);
      values.set(item.placeholder, item.value);
      fields.set(item.placeholder, `in.values[${i}].value`);
    }
  }
  for (const placeholder of placeholders) {
    if (!placeholder.optional && !values.has(placeholder.name)) {
      const where = input.placeholdersPayload != null ? `at "${placeholder.jsonPath ?? placeholder.name}" in placeholdersPayload` : "in values";
      throw badInput(
        input.placeholdersPayload != null ? "in.placeholdersPayload" : "in.values",
        `The required placeholder "${placeholder.name}" is not given ${where}`,
      );
    }
  }
  return { values, fieldOf: (name) => fields.get(name) ?? "in.values" };
}

/** The placeholders used at a field of the application input (`in.bundles[0].name` → under `bundles[0].name`), or anywhere below it. */
export function placeholdersAtField(applicationInput: unknown, field: string): string[] {
  const steps = field
    .replace(/^in\.?/, "")
    .split(/[.[\]]/)
    .filter(Boolean);
  let node = applicationInput;
  for (const step of steps) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, step)) break;
    node = (node as Record<string, unknown>)[step];
  }
  return [...placeholdersUsedIn(node)];
}

/**
 * A value for each placeholder to check a template's applicationInput with
 * when it is created: strings under URL keys become a URL, others the
 * placeholder's name, which fits names and text. Used only for that check.
 */
export function sampleFilled(applicationInput: unknown, placeholders: readonly Placeholder[]): unknown {
  const fill = (value: unknown, key: string): unknown => {
    if (typeof value === "string") {
      const sample = (name: string) => (/url/i.test(key) ? "https://example.com" : name);
      const whole = /^\{\{([^{}]+)\}\}$/.exec(value);
      if (whole && placeholders.some((p) => p.name === whole[1])) return sample(whole[1]);
      return fillPlaceholders(value, placeholders, new Map(placeholders.map((p) => [p.name, p.name])));
    }
    if (Array.isArray(value)) return value.map((item) => fill(item, key));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, item]) => [k, fill(item, k)]));
    return value;
  };
  return fill(applicationInput, "");
}
