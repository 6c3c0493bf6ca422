import { createRequire } from "node:module";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { BoundedMap } from "@/lib/bounded-map";
import { linearRegExp } from "@/lib/linear-regexp";
import { UNSTORABLE_TEXT_MESSAGE, isStorableText } from "@/lib/text";
import { badInput } from "@/domain/errors";

/**
 * What a label is: a key of 1-256 letters, digits and underscores (Compass's
 * rule), and any JSON value of at most MAX_LABEL_VALUE_BYTES once serialised.
 * A tenant may give a key a JSON Schema (a label definition); values under it
 * must be valid against it. Schemas are checked with ajv.
 */
const LABEL_KEY = /^[A-Za-z0-9_]{1,256}$/;
/** Big enough for lists of a few hundred names; labels classify, they are not a document store. */
const MAX_LABEL_VALUE_BYTES = 8192;
/**
 * Values are bounded by shape too (issue 20, finding 4): nesting and the keys
 * inside them. SQLite's JSON functions refuse documents nested over 1,000
 * deep ("malformed JSON", failing every filtered list) and serialisers recurse;
 * Compass's values (scenarios, lists, small objects) nest two or three deep.
 */
const MAX_LABEL_VALUE_DEPTH = 16;
/**
 * Per object (issue 20, finding 5): an object's labels are read with it on
 * every page that shows it, so an object holds at most this many labels and
 * this many bytes of them (keys and values' JSON): a page of 100 objects
 * stays under 6.4 MB at worst, and a credential cannot grow it unbounded.
 */
const MAX_LABELS_PER_OBJECT = 64;
const MAX_LABEL_BYTES_PER_OBJECT = 65536;
/** A key inside a value is named like a label key may be long. */
const MAX_VALUE_KEY_LENGTH = 256;
/** A schema is configuration, not data. */
const MAX_SCHEMA_BYTES = 16384;
const MAX_SCHEMA_DEPTH = 32;
/** Labels the server keeps itself, never set by hand (Compass's `integrationSystemID` on managed applications). */
export const READ_ONLY_KEYS: ReadonlySet<string> = new Set(["integrationSystemID"]);

export type LabelObjectType = "APPLICATION" | "RUNTIME" | "RUNTIME_CONTEXT" | "INTEGRATION_DEPENDENCY";

/**
 * Why a label key breaks the rule, in Compass's words (its validator's
 * `key=...` part, which Compass's e2e tests look for: "key=cannot be blank",
 * "key=the length must be no more than 256"), or null.
 */
function labelKeyProblem(key: string): string | null {
  if (key === "") return "cannot be blank";
  if ([...key].length > 256) return "the length must be no more than 256";
  return LABEL_KEY.test(key) ? null : "must be in a valid format";
}

/**
 * The key, or BAD_USER_INPUT on `field`. Where Compass validates the key as
 * part of an input (`input`: the GraphQL input type, "LabelInput" or
 * "LabelDefinitionInput"), the message starts as Compass's does, "Invalid
 * data <input> [key=<problem>]", which Compass's clients and tests look for;
 * elsewhere (label filters, which the console shows beside the field) it is
 * ours alone.
 */
export function checkLabelKey(key: string, field: string, input?: string): string {
  const problem = labelKeyProblem(key);
  if (problem) {
    const rule = `a label key is 1-256 letters, digits and underscores; got "${key.slice(0, 80)}"`;
    throw badInput(field, input ? `Invalid data ${input} [key=${problem}]: ${rule}` : `${rule[0].toUpperCase()}${rule.slice(1)}`);
  }
  return key;
}

export function checkWritableKey(key: string, field: string): string {
  checkLabelKey(key, field, "LabelInput");
  if (READ_ONLY_KEYS.has(key)) throw badInput(field, `The label "${key}" is read-only: the server keeps it`);
  return key;
}

/**
 * The first breach of the value's shape rules, or null: nesting deeper than
 * MAX_LABEL_VALUE_DEPTH, a key longer than MAX_VALUE_KEY_LENGTH, or text (keys
 * included) neither database stores. Iterative, and it stops at the first
 * level too deep, so no depth of input can exhaust the stack here.
 */
function valueShapeProblem(value: unknown): string | null {
  const pending: [unknown, number, string][] = [[value, 0, ""]];
  while (pending.length > 0) {
    const [current, depth, at] = pending.pop()!;
    if (typeof current === "string") {
      if (!isStorableText(current)) return `${at || "the value"}: ${UNSTORABLE_TEXT_MESSAGE}`;
      continue;
    }
    if (typeof current !== "object" || current === null) continue;
    if (depth >= MAX_LABEL_VALUE_DEPTH) return `A label value nests at most ${MAX_LABEL_VALUE_DEPTH} levels of arrays and objects`;
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) pending.push([current[i], depth + 1, `${at}[${i}]`]);
      continue;
    }
    for (const [key, item] of Object.entries(current)) {
      if (key.length > MAX_VALUE_KEY_LENGTH)
        return `A key inside a label value is at most ${MAX_VALUE_KEY_LENGTH} characters; ${JSON.stringify(key.slice(0, 40))}… has ${key.length}`;
      if (!isStorableText(key)) return `The key ${JSON.stringify(key.slice(0, 40))} inside the value${at ? ` at ${at}` : ""}: ${UNSTORABLE_TEXT_MESSAGE}`;
      pending.push([item, depth + 1, `${at}.${key}`]);
    }
  }
  return null;
}

const labelBytes = (key: string, value: unknown) => Buffer.byteLength(key, "utf8") + Buffer.byteLength(JSON.stringify(value), "utf8");

/**
 * Refuses an object's labels as they would be after a write: more than
 * MAX_LABELS_PER_OBJECT, or more than MAX_LABEL_BYTES_PER_OBJECT in all.
 * The caller holds the object (its row locked, or one writer at a time), so
 * writes in parallel cannot each pass with the other's label unseen.
 */
export function checkObjectLabels(labels: Record<string, unknown>, field: string, countField = field): void {
  const keys = Object.keys(labels);
  if (keys.length > MAX_LABELS_PER_OBJECT) {
    throw badInput(countField, `An object holds at most ${MAX_LABELS_PER_OBJECT} labels; this one would hold ${keys.length}`);
  }
  const bytes = keys.reduce((sum, key) => sum + labelBytes(key, labels[key]), 0);
  if (bytes > MAX_LABEL_BYTES_PER_OBJECT) {
    throw badInput(field, `An object's labels are at most ${MAX_LABEL_BYTES_PER_OBJECT} bytes of keys and JSON values in all; these would be ${bytes}`);
  }
}

/**
 * The `scenarios` label, as Compass had it before formations: the scenarios an
 * application or runtime is in, a non-empty list of unique names. Its tenant's
 * label definition (an enum of the scenarios it has) narrows it further.
 * `applicationsForRuntime` answers the applications sharing one with the runtime.
 */
export const SCENARIOS_KEY = "scenarios";
/** Compass's scenario names: letters, digits, spaces, `-` and `_`, starting and ending with a letter or digit. */
const SCENARIO_NAME = /^[A-Za-z0-9](?:[-_A-Za-z0-9 ]{0,126}[A-Za-z0-9])?$/;
/** An object is in a few scenarios; a runtime's become the terms of one label query (label-filter.ts allows 50). */
const MAX_SCENARIOS = 50;

/** Why a name is not a scenario name (a formation's name is one), or null. */
export function scenarioNameProblem(name: string): string | null {
  return SCENARIO_NAME.test(name)
    ? null
    : `A scenario name is 1-128 letters, digits, spaces, "-" and "_", starting and ending with a letter or digit; got ${JSON.stringify(name).slice(0, 80)}`;
}

function scenariosProblem(value: unknown): string | null {
  if (!Array.isArray(value) || value.length === 0) return `The "${SCENARIOS_KEY}" label is a non-empty list of scenario names`;
  if (value.length > MAX_SCENARIOS) return `An object is in at most ${MAX_SCENARIOS} scenarios`;
  for (const name of value) {
    const problem = typeof name === "string" ? scenarioNameProblem(name) : `A scenario name is a string; got ${JSON.stringify(name).slice(0, 80)}`;
    if (problem) return problem;
  }
  if (new Set(value).size !== value.length) return `The "${SCENARIOS_KEY}" label names each scenario once`;
  return null;
}

/**
 * A tenant's definition of `scenarios` is Compass's shape: a list of strings
 * from an enum of the tenant's scenario names (create-label-definition's
 * schema), so the definition names the scenarios the tenant has.
 */
export function scenariosSchemaProblem(schemaText: string | null): string | null {
  const shape = `The "${SCENARIOS_KEY}" definition's schema is a list of strings from an enum of scenario names, e.g. {"type":"array","items":{"type":"string","enum":["DEFAULT"]},"uniqueItems":true}`;
  if (schemaText === null) return shape;
  const schema = JSON.parse(schemaText) as { type?: unknown; items?: { type?: unknown; enum?: unknown } };
  if (schema?.type !== "array" || schema.items?.type !== "string" || !Array.isArray(schema.items.enum) || schema.items.enum.length === 0) return shape;
  const wrong = schema.items.enum.find((name) => typeof name !== "string" || !SCENARIO_NAME.test(name));
  return wrong === undefined ? null : `${shape}; ${JSON.stringify(wrong).slice(0, 80)} is not a scenario name`;
}

/** The label value's rules; `key` adds the rules of a key the server knows (`scenarios`). */
export function checkLabelValue(value: unknown, field: string, key?: string): void {
  if (value === undefined || value === null) throw badInput(field, "A label value is any JSON value but null");
  if (key === SCENARIOS_KEY) {
    const problem = scenariosProblem(value);
    if (problem) throw badInput(field, problem);
  }
  const problem = valueShapeProblem(value);
  if (problem) throw badInput(field, problem);
  const bytes = Buffer.byteLength(JSON.stringify(value), "utf8");
  if (bytes > MAX_LABEL_VALUE_BYTES) throw badInput(field, `A label value is at most ${MAX_LABEL_VALUE_BYTES} bytes of JSON; this one is ${bytes}`);
}

// One compiler for every schema; compiled validators are kept by schema text.
// Patterns run on a linear-time engine (lib/linear-regexp.ts), never on V8's backtracking one.
const ajvOptions = { allErrors: false, strict: false, validateSchema: true, code: { regExp: Object.assign(linearRegExp, { code: "linearRegExp" }) } };
const ajv = new Ajv(ajvOptions);
addFormats(ajv);
// New schemas are compiled once more in strict mode, which refuses keywords ajv does not know
// (the allow-list): every keyword left is one subschemasOf() below walks or one that holds data.
// Stored schemas keep compiling leniently, so a definition written before stays usable.
const strictAjv = new Ajv({ ...ajvOptions, strictSchema: true });
addFormats(strictAjv);
const require = createRequire(import.meta.url);
// Ajv's own guard for schemas from users: refuses keywords that make validation slow (e.g. unbounded `pattern` with other keywords).
const checkSecure = ajv.compile(require("ajv/dist/refs/json-schema-secure.json") as object);
// A BoundedMap, not a FreshCache (lib/fresh-cache.ts): a schema's text compiles to the same validator forever.
const MAX_COMPILED = 1000;
const compiled = new BoundedMap<string, ValidateFunction>(MAX_COMPILED);

function depthOf(value: unknown, depth = 0): number {
  if (depth > MAX_SCHEMA_DEPTH || typeof value !== "object" || value === null) return depth;
  let max = depth;
  for (const child of Object.values(value)) max = Math.max(max, depthOf(child, depth + 1));
  return max;
}

/** Keywords whose values are data, never schemas: nothing under them is walked, and no $ref may point there. */
const DATA_KEYWORDS: ReadonlySet<string> = new Set(["enum", "const", "default", "examples"]);
/** Keywords whose value maps names to schemas. */
const MAP_KEYWORDS: ReadonlySet<string> = new Set(["properties", "patternProperties", "$defs", "definitions", "dependencies", "dependentSchemas"]);

const escapePointer = (segment: string) => segment.replaceAll("~", "~0").replaceAll("/", "~1");

/**
 * Every subschema of `schema` with its JSON pointer ("" for the root). The
 * strict compile has refused unknown keywords, so every object left outside
 * the data keywords is a schema, or a map of them.
 */
function subschemasOf(schema: unknown, pointer = "", found = new Map<string, object>()): Map<string, object> {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return found;
  found.set(pointer, schema);
  for (const [keyword, value] of Object.entries(schema)) {
    if (DATA_KEYWORDS.has(keyword) || typeof value !== "object" || value === null) continue;
    const at = `${pointer}/${escapePointer(keyword)}`;
    const children = Array.isArray(value)
      ? value.map((child, index) => [`${at}/${index}`, child] as const)
      : MAP_KEYWORDS.has(keyword)
        ? Object.entries(value).map(([name, child]) => [`${at}/${escapePointer(name)}`, child] as const)
        : [[at, value] as const];
    for (const [childPointer, child] of children) subschemasOf(child, childPointer, found);
  }
  return found;
}

/**
 * Ajv's guard for schemas from users holds in every subschema, not only
 * those its meta-schema walks (issue 20, finding 2: a pattern under `$defs`
 * escaped it). A `$ref` may only point at a subschema walked here, never
 * into data (`{"default": {...}, "$ref": "#/default"}` compiles the default
 * as a schema), and no `$id` may move where references resolve.
 */
function checkEverySubschema(schema: unknown, field: string): void {
  const subschemas = subschemasOf(schema);
  for (const [pointer, subschema] of subschemas) {
    const where = pointer ? ` at ${pointer}` : "";
    if ("$id" in subschema) throw badInput(field, `The schema is not accepted${where}: a label definition takes no $id`);
    if (!checkSecure(subschema)) throw badInput(field, `The schema is not accepted${where}: ${describe(checkSecure.errors![0])}`);
    const ref = (subschema as { $ref?: unknown }).$ref;
    if (ref === undefined) continue;
    let target: string | null = null;
    try {
      target = typeof ref === "string" && ref.startsWith("#") ? decodeURIComponent(ref.slice(1)) : null;
    } catch {
      // A malformed escape points nowhere.
    }
    if (target === null || !subschemas.has(target))
      throw badInput(field, `The schema is not accepted${where}: $ref may only point at a subschema of this schema ("#" or "#/$defs/name")`);
  }
}

const describe = (error: ErrorObject) =>
  `${error.instancePath || "the value"} ${error.message ?? "is invalid"}${error.params && "allowedValues" in error.params ? `: ${(error.params.allowedValues as unknown[]).join(", ")}` : ""}`;

/** The schema's JSON as stored (normalised), after checking it compiles; BAD_USER_INPUT on `field` otherwise. */
export function checkSchema(text: string, field: string): string {
  if (Buffer.byteLength(text, "utf8") > MAX_SCHEMA_BYTES) throw badInput(field, `A schema is at most ${MAX_SCHEMA_BYTES} bytes`);
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch {
    throw badInput(field, "The schema is not valid JSON");
  }
  if (typeof schema !== "boolean" && (typeof schema !== "object" || schema === null || Array.isArray(schema))) {
    throw badInput(field, "A JSON Schema is an object or a boolean");
  }
  if (depthOf(schema) > MAX_SCHEMA_DEPTH) throw badInput(field, `A schema nests at most ${MAX_SCHEMA_DEPTH} levels`);
  const normalised = JSON.stringify(schema);
  try {
    const strict = JSON.parse(normalised) as object | boolean;
    strictAjv.compile(strict);
    if (typeof strict === "object") strictAjv.removeSchema(strict);
    validatorFor(normalised);
  } catch (error) {
    throw badInput(field, `The schema is not a valid JSON Schema: ${(error as Error).message}`);
  }
  checkEverySubschema(schema, field);
  return normalised;
}

function validatorFor(schemaText: string): ValidateFunction {
  let validate = compiled.get(schemaText);
  if (!validate) {
    const schema = JSON.parse(schemaText) as object | boolean;
    validate = ajv.compile(schema);
    compiled.set(schemaText, validate);
    // ajv also keeps every object schema it compiled; ours is the (bounded) cache. Booleans it does not keep.
    if (typeof schema === "object") ajv.removeSchema(schema);
  }
  return validate;
}

/** Why `value` breaks the schema (the first rule it fails), or null when it is valid. */
export function schemaProblem(schemaText: string | null, value: unknown): string | null {
  if (schemaText === null) return null;
  const validate = validatorFor(schemaText);
  return validate(value) ? null : describe(validate.errors![0]);
}

export function checkAgainstSchema(schemaText: string | null, key: string, value: unknown, field: string): void {
  const problem = schemaProblem(schemaText, value);
  if (problem) throw badInput(field, `The value of label "${key}" breaks its label definition: ${problem}`);
}
