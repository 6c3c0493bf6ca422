import { Validator } from "@cfworker/json-schema";
import { linearRegExp } from "@/lib/linear-regexp";

/**
 * The browser's check of a label value against its key's label definition, as
 * the user types. The server checks with ajv, which compiles schemas with
 * `new Function`: the console's Content-Security-Policy has no 'unsafe-eval',
 * so the browser uses an interpreting validator instead. Its wording differs
 * from the server's; the server's verdict is the one that counts and shows on
 * the field when it disagrees. This module is imported only by the pages that
 * edit labels, never by the lists.
 *
 * Patterns run on the server's linear-time engine here too (lib/linear-regexp.ts),
 * so a pattern that backtracks cannot hang the tab on a keystroke.
 */
const cache = new Map<string, Validator | null>();

function validatorFor(schemaText: string): Validator | null {
  if (!cache.has(schemaText)) {
    let validator: Validator | null = null;
    try {
      validator = new Validator(JSON.parse(schemaText) as object, "2020-12", false);
    } catch {
      // A schema this validator cannot read: leave the verdict to the server.
    }
    cache.set(schemaText, validator);
  }
  return cache.get(schemaText)!;
}

/**
 * Runs `check` with the global RegExp constructor standing for the linear
 * engine. The validator builds every pattern (`pattern`, `patternProperties`,
 * hence `propertyNames` too) with `new RegExp(pattern, "u")` and offers no
 * hook for another engine. The swap lasts one synchronous call, so no other
 * code runs meanwhile; regular-expression literals never consult the global.
 */
class LinearPattern {
  readonly test: (text: string) => boolean;
  constructor(pattern: string) {
    const compiled = linearRegExp(String(pattern));
    this.test = (text) => compiled.test(text);
  }
}
const linearRegExpConstructor = LinearPattern as unknown as RegExpConstructor;

function linearly<T>(check: () => T): T {
  const native = globalThis.RegExp;
  globalThis.RegExp = linearRegExpConstructor;
  try {
    return check();
  } finally {
    globalThis.RegExp = native;
  }
}

/** Why `value` breaks the schema (its most specific rule), or null when it passes or cannot be checked here. */
export function labelValueProblem(schemaText: string | null | undefined, value: unknown): string | null {
  if (!schemaText) return null;
  const validator = validatorFor(schemaText);
  if (!validator) return null;
  let result: ReturnType<typeof validator.validate>;
  try {
    result = linearly(() => validator.validate(value));
  } catch {
    return null;
  }
  if (result.valid) return null;
  const last = result.errors.at(-1)!;
  const where = last.instanceLocation === "#" ? "" : ` at ${last.instanceLocation.slice(1)}`;
  return `Breaks the label definition${where}: ${last.error}`;
}

/** A schema's own problems, for the label definition editor: not JSON, or not a schema object. */
export function schemaTextProblem(text: string): string | null {
  if (!text.trim()) return null;
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    return `Not valid JSON: ${(error as Error).message}`;
  }
  if (typeof schema !== "boolean" && (typeof schema !== "object" || schema === null || Array.isArray(schema))) return "A JSON Schema is an object or a boolean";
  try {
    new Validator(schema as object, "2020-12", false);
  } catch (error) {
    return `Not a usable JSON Schema: ${(error as Error).message}`;
  }
  return unrunnablePattern(schema);
}

/** The schema's patterns (`pattern` values, `patternProperties` names), outside data keywords. */
function patternsOf(schema: unknown, found: string[] = []): string[] {
  if (typeof schema !== "object" || schema === null) return found;
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === "enum" || keyword === "const" || keyword === "default" || keyword === "examples") continue;
    if (keyword === "pattern" && typeof value === "string") found.push(value);
    if (keyword === "patternProperties" && typeof value === "object" && value !== null) found.push(...Object.keys(value));
    patternsOf(value, found);
  }
  return found;
}

/** Patterns run on the server's linear engine, which has no lookaround or backreferences: said here before the server refuses. */
function unrunnablePattern(schema: unknown): string | null {
  for (const pattern of patternsOf(schema)) {
    try {
      linearRegExp(pattern);
    } catch (error) {
      return `The pattern ${JSON.stringify(pattern)} cannot be used (no lookaround or backreferences): ${(error as Error).message}`;
    }
  }
  return null;
}

/** A label value as typed: JSON when it parses, otherwise the text itself as a string. */
export function parseLabelValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const LABEL_KEY = /^[A-Za-z0-9_]{1,256}$/;

/** The server's rule for a label key (domain/labels/label-rules.ts), for a label and a label definition alike; null when the key keeps it. */
export function labelKeyProblem(key: string): string | null {
  return LABEL_KEY.test(key.trim()) ? null : "A key is 1-256 letters, digits and underscores";
}
