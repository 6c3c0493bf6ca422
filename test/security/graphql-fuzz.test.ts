/**
 * GraphQL fuzzing over real HTTP as an admin: random documents generated from
 * the schema's own types (valid ones, and ones broken on purpose: mangled
 * text, unknown fields, oversized values, doubled fragments, deep nesting,
 * many aliases and directives, junk variables). Whatever comes in, no answer
 * is a 5xx other than 503 or an INTERNAL_SERVER_ERROR, every error has a
 * code, no request takes more than a few seconds, and the heap stays flat.
 *
 * The generator is seeded: a failure prints its seed and iteration, and
 * FUZZ_SEED=<seed> replays the same documents; FUZZ_ITERATIONS and
 * FUZZ_BUDGET_MS (milliseconds) allow longer runs.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import v8 from "node:v8";
import vm from "node:vm";
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from "graphql";
import { setupTestApp } from "@/test/harness";

const app = await setupTestApp();
const base = await app.listen();
const schema: GraphQLSchema = buildSchema(fs.readFileSync(new URL("../../graphql/schema.generated.graphqls", import.meta.url), "utf8"));

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 250);
/** Not a speed target: a bound that only a hang or a blow-up passes. */
const REQUEST_BOUND_MS = 5000;
/** New documents are generated for half of this, then replayed, so the file stays well under 30 s. */
const TIME_BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 14_000);

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}
type Random = ReturnType<typeof prng>;

// ---------------------------------------------------------------------------
// values

const STRINGS = [
  "",
  "a",
  "Orders Connector",
  "日本語 Connector",
  "हिन्दी",
  "%_\\",
  "' OR '1'='1",
  "\u0000",
  "\ud800",
  "😀".repeat(70),
  "x".repeat(65),
  "y".repeat(2001),
  "z".repeat(30_000),
  "integration_system:read",
  "a@example.test",
  "correct horse battery staple",
];
const INTS = [0, 1, -1, 7, 100, 200, 201, 365, 366, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 1.5];

function stringValue(random: Random): string {
  return random.chance(0.1) ? String.fromCharCode(...Array.from({ length: random.int(40) }, () => random.int(0x3000))) : random.pick(STRINGS);
}

/** A JSON value for `type`; with `sloppy`, sometimes one of the wrong kind. */
function jsonValue(random: Random, type: GraphQLInputType, depth: number, sloppy: boolean): unknown {
  if (sloppy && random.chance(0.05)) return random.pick([null, 42, "str", true, [], {}, [[[]]], { $ne: null }]);
  if (!isNonNullType(type) && random.chance(0.1)) return null;
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) {
    if (depth > 3) return [];
    return Array.from({ length: random.int(4) }, () => jsonValue(random, inner.ofType, depth + 1, sloppy));
  }
  if (isInputObjectType(inner)) {
    const object: Record<string, unknown> = {};
    if (depth > 3) return object;
    for (const field of Object.values(inner.getFields())) {
      if (isNonNullType(field.type) || random.chance(0.5)) object[field.name] = jsonValue(random, field.type, depth + 1, sloppy);
    }
    return object;
  }
  if (isEnumType(inner)) return random.pick(inner.getValues()).name;
  switch (inner.name) {
    case "Int":
      return random.pick(INTS);
    case "Boolean":
      return random.chance(0.5);
    case "ID":
      return random.pick([...knownIds, "not-an-id", "x".repeat(300)]);
    case "PageCursor":
      return random.pick(["", "abc", "!!!", Buffer.from(JSON.stringify(["x", 0, "y"])).toString("base64url"), ...knownCursors]);
    case "DateTime":
      return random.pick(["2026-01-01T00:00:00Z", "yesterday", ""]);
    default:
      return stringValue(random);
  }
}

/** The same value written as a GraphQL literal. */
function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return "null";
  const inner = getNullableType(type) as GraphQLInputType;
  if (Array.isArray(value)) return `[${value.map((item) => literal(item, isListType(inner) ? inner.ofType : inner)).join(", ")}]`;
  if (typeof value === "object") {
    const fields = isInputObjectType(inner) ? inner.getFields() : {};
    return `{${Object.entries(value)
      .map(([key, item]) => `${key}: ${literal(item, fields[key]?.type ?? inner)}`)
      .join(", ")}}`;
  }
  if (isEnumType(inner) && typeof value === "string") return value;
  return JSON.stringify(value);
}

// ---------------------------------------------------------------------------
// documents

interface Generated {
  text: string;
  variables: Record<string, unknown>;
  declarations: string[];
}

function argumentsOf(random: Random, args: readonly GraphQLArgument[], out: Generated, sloppy: boolean): string {
  const written: string[] = [];
  for (const arg of args) {
    if (!isNonNullType(arg.type) && !random.chance(0.4)) continue;
    const value = jsonValue(random, arg.type, 0, sloppy);
    if (random.chance(0.5)) {
      const name = `v${out.declarations.length}`;
      out.declarations.push(`$${name}: ${String(arg.type)}`);
      out.variables[name] = value;
      written.push(`${arg.name}: $${name}`);
    } else {
      written.push(`${arg.name}: ${literal(value, arg.type)}`);
    }
  }
  return written.length ? `(${written.join(", ")})` : "";
}

function selection(random: Random, type: GraphQLNamedType, depth: number, out: Generated, sloppy: boolean): string {
  if (isUnionType(type)) {
    return `{ __typename ${type
      .getTypes()
      .map((member) => `... on ${member.name} ${selection(random, member, depth + 1, out, sloppy)}`)
      .join(" ")} }`;
  }
  if (!isObjectType(type)) return "";
  const fields = Object.values(type.getFields()) as GraphQLField<unknown, unknown>[];
  const chosen = new Set<GraphQLField<unknown, unknown>>();
  const count = 1 + random.int(depth > 3 ? 2 : 4);
  for (let i = 0; i < count; i++) chosen.add(random.pick(fields));
  const parts: string[] = [];
  for (const field of chosen) {
    const named = getNamedType(field.type as GraphQLOutputType);
    const leaf = isScalarType(named) || isEnumType(named);
    if (!leaf && depth > 6) continue;
    const alias = random.chance(0.1) ? `a${random.int(1000)}: ` : "";
    const below = leaf ? "" : ` ${selection(random, named, depth + 1, out, sloppy)}`;
    if (!leaf && below.trim() === "") continue;
    parts.push(`${alias}${field.name}${argumentsOf(random, field.args, out, sloppy)}${below}`);
  }
  if (parts.length === 0) parts.push("__typename");
  return `{ ${parts.join(" ")} }`;
}

function validDocument(random: Random, sloppy: boolean): { query: string; variables: Record<string, unknown> } {
  const mutation = random.chance(0.3);
  const root = mutation ? schema.getMutationType()! : schema.getQueryType()!;
  const out: Generated = { text: "", variables: {}, declarations: [] };
  const body = selection(random, root, 0, out, sloppy);
  const head = `${mutation ? "mutation" : "query"} Fuzz${out.declarations.length ? `(${out.declarations.join(", ")})` : ""}`;
  return { query: `${head} ${body}`, variables: out.variables };
}

const repeat = (count: number, make: (i: number) => string) => Array.from({ length: count }, (_, i) => make(i)).join(" ");

/** Attack shapes, at random sizes around the limits. */
const SHAPES: ((random: Random) => string)[] = [
  (random) => {
    const levels = 1 + random.int(32);
    return `{ ...F${levels} } fragment F0 on Query { viewer { kind } } ${repeat(levels, (i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`)}`;
  },
  (random) => `{ ${repeat(1 + random.int(600), (i) => `a${i}: tenants(first: 1) { totalCount }`)} }`,
  (random) => `{ ${repeat(1 + random.int(600), () => "viewer { kind }")} }`,
  (random) => `{ viewer ${repeat(1 + random.int(200), () => "@include(if: true)")} { kind } }`,
  (random) => {
    const depth = 1 + random.int(40);
    return `{ ${"integrationSystems { data { applications { data { integrationSystem ".repeat(depth)}id${" } } } }".repeat(depth)} }`;
  },
  (random) => `{ ${"viewer { ".repeat(1 + random.int(3000))}`,
  (random) => `{ ${repeat(1 + random.int(12), () => `viewer { ${repeat(1 + random.int(12), () => "integrationSystem { auths { id } }")} }`)} }`,
  (random) => `{ integrationSystems(search: ${JSON.stringify("s".repeat(random.int(120_000)))}) { totalCount } }`,
  (random) => `{ ${repeat(1 + random.int(200), (i) => `...G${i}`)} } ${repeat(200, (i) => `fragment G${i} on Query { viewer { kind } }`)}`,
  () => `{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`,
  () => `{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }`,
];

function mangle(random: Random, text: string): string {
  const at = random.int(text.length + 1);
  switch (random.int(5)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1 + random.int(5));
    case 1:
      return text.slice(0, at) + random.pick(["{", "}", "(", ")", "$", "...", "@skip", '"', "unknownField", ":", "#", "\\u0000"]) + text.slice(at);
    case 2:
      return text.slice(0, at) + text.slice(at, at + random.int(200)).repeat(1 + random.int(20)) + text.slice(at);
    case 3:
      return text.replace(/\b[a-z][A-Za-z]+\b/, "noSuchField");
    default:
      return text.slice(0, at);
  }
}

function nextRequest(random: Random): { body: string; kind: string } {
  const roll = random.next();
  if (roll < 0.45) return { body: JSON.stringify(validDocument(random, false)), kind: "valid" };
  if (roll < 0.65) return { body: JSON.stringify(validDocument(random, true)), kind: "sloppy variables" };
  if (roll < 0.85) {
    const { query, variables } = validDocument(random, false);
    return { body: JSON.stringify({ query: mangle(random, query), variables }), kind: "mangled" };
  }
  if (roll < 0.97) return { body: JSON.stringify({ query: random.pick(SHAPES)(random) }), kind: "attack shape" };
  return {
    body: random.pick(["", "{", "[]", "null", JSON.stringify({ query: 1 }), JSON.stringify({ query: "{ viewer { kind } }", variables: [1] })]),
    kind: "junk body",
  };
}

// Real ids and cursors, so some generated documents reach the database rows.
const knownIds: string[] = [];
const knownCursors: string[] = [];
const tenantHeader: Record<string, string> = {};

/** A garbage collection on demand, without starting node with --expose-gc. */
function collectGarbage(): () => void {
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}

test(`random documents from the schema never crash, hang or leak (seed ${SEED})`, { timeout: 60_000 }, async () => {
  const system = await app.ok<any>(`mutation { createIntegrationSystem(in: {name: "Fuzz target"}) { id } }`);
  // A second one, so the first page has a next page and so an endCursor (Compass's page info).
  await app.ok<any>(`mutation { createIntegrationSystem(in: {name: "Fuzz target 2"}) { id } }`);
  knownIds.push(system.createIntegrationSystem.id, app.admin.user.id);
  const page = await app.ok<any>(`{ integrationSystems(first: 1) { pageInfo { endCursor } } }`);
  knownCursors.push(page.integrationSystems.pageInfo.endCursor);
  // A tenant named on every request, with a runtime and a runtime context in it, so that tenant-scoped
  // operations reach their resolvers (and rows) instead of stopping at the missing header.
  const tenant = await app.ok<any>(`mutation { createTenant(in: { externalId: "fuzz-tenant", name: "Fuzz" }) { id } }`);
  tenantHeader.tenant = tenant.createTenant.id;
  const runtime = await app.graphql<any>(`mutation { registerRuntime(in: { name: "fuzz-runtime" }) { id } }`, {}, { ...app.admin, headers: tenantHeader });
  const context = await app.graphql<any>(
    `mutation($id: ID!) { registerRuntimeContext(runtimeID: $id, in: { key: "fuzz", value: "v" }) { id } }`,
    { id: runtime.body.data.registerRuntime.id },
    { ...app.admin, headers: tenantHeader },
  );
  knownIds.push(tenant.createTenant.id, runtime.body.data.registerRuntime.id, context.body.data.registerRuntimeContext.id);

  const random = prng(SEED);
  const gc = collectGarbage();
  const heapAfterGc = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const counts: Record<string, number> = {};
  let slowest = 0;
  let served = 0;

  async function send(body: string, where: string) {
    const sent = performance.now();
    const response = await fetch(`${base}/api/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${app.admin.token}`, ...tenantHeader },
      body,
    });
    const text = await response.text();
    const ms = performance.now() - sent;
    slowest = Math.max(slowest, ms);
    assert.ok(ms < REQUEST_BOUND_MS, `${ms.toFixed(0)} ms for ${where}`);
    assert.ok(response.status < 500 || response.status === 503, `HTTP ${response.status} for ${where}: ${text.slice(0, 300)}`);
    const json = JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
    if (json.data && !json.errors) served++;
    for (const error of json.errors ?? []) {
      assert.ok(error.extensions?.code, `an error without a code for ${where}: ${error.message}`);
      assert.notEqual(error.extensions.code, "INTERNAL_SERVER_ERROR", `${where}: ${error.message}`);
    }
  }

  // First pass: new documents, within half the budget.
  const started = performance.now();
  const bodies: string[] = [];
  for (let i = 0; i < ITERATIONS && performance.now() - started < TIME_BUDGET_MS / 2; i++) {
    const { body, kind } = nextRequest(random);
    counts[kind] = (counts[kind] ?? 0) + 1;
    bodies.push(body);
    await send(body, `seed ${SEED}, iteration ${i} (${kind}): ${body.slice(0, 300)}`);
  }
  assert.ok(bodies.length >= Math.min(ITERATIONS, 100), `only ${bodies.length} iterations ran within the time budget`);
  assert.ok((counts.valid ?? 0) > 0 && (counts["attack shape"] ?? 0) > 0, JSON.stringify(counts));
  // The generator reaches the resolvers, not only the validator.
  assert.ok(served >= bodies.length / 10, `only ${served} of ${bodies.length} answers had data and no error`);

  // Second pass: the same documents again. The server's parse and validation
  // caches (bounded LRUs) already hold them, so what the heap gains now is
  // what requests leave behind.
  const heapBefore = heapAfterGc();
  for (const [i, body] of bodies.entries()) await send(body, `seed ${SEED}, replay of iteration ${i}: ${body.slice(0, 300)}`);
  const growth = heapAfterGc() - heapBefore;
  // Generous: keeping each request's document or result would exceed it.
  assert.ok(growth < 8 * 1024 * 1024, `heap grew by ${(growth / 1024 / 1024).toFixed(1)} MB over ${bodies.length} repeated requests`);
  const i = bodies.length * 2;
  console.log(
    `fuzz: ${i} requests ${JSON.stringify(counts)}, ${served} served without error, slowest ${slowest.toFixed(0)} ms, heap +${(growth / 1024 / 1024).toFixed(1)} MB on the replay`,
  );
});
