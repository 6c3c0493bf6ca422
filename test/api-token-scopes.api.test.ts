/**
 * Scoped API tokens (issue 27, "Governance"): read-only or a subset of the
 * creator's rights, intersected with the user's role at each call; a VIEWER
 * makes read-only ones; admins list and revoke every user's tokens.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createTenant } from "@/domain/tenants/tenant.service";
import { changeUserRole } from "@/domain/users/user.service";
import { SCOPES } from "@/lib/scopes";
import { VIEWER_QUERY, authSupport } from "./auth-support";
import { type Caller, onlyError, recordSecret, setupTestApp } from "./harness";

const app = await setupTestApp();
const { snapshot, assertUnchanged, newCaller } = authSupport(app);
const tenant = await createTenant(app.db, app.admin.principal, { externalId: "token-scopes", name: "Token Scopes" });

const CREATE = `mutation($name: String!, $scopes: [String!], $readOnly: Boolean) {
  createApiToken(name: $name, scopes: $scopes, readOnly: $readOnly) { token apiToken { id scopes readOnly owner { id } } } }`;

async function createToken(caller: Caller, variables: { scopes?: string[]; readOnly?: boolean }) {
  const created = (await app.ok<any>(CREATE, { name: "scoped", ...variables }, caller)).createApiToken;
  recordSecret(created.token);
  return created as { token: string; apiToken: { id: string; scopes: string[] | null; readOnly: boolean; owner: { id: string } } };
}

async function scopesOf(token: string): Promise<string[]> {
  const response = await app.graphql(VIEWER_QUERY, {}, { token });
  assert.equal(response.body.errors, undefined, JSON.stringify(response.body.errors));
  return [...response.body.data!.viewer.scopes].sort();
}

const READS = [
  SCOPES.applicationRead,
  // Templates are global and read by everyone who reads the console (decision 0032).
  SCOPES.applicationTemplateRead,
  // Formations, their templates and constraints are read by every role, as templates are (decision 0036).
  SCOPES.formationConstraintRead,
  SCOPES.formationRead,
  SCOPES.formationTemplateRead,
  SCOPES.integrationSystemAuthsRead,
  SCOPES.integrationSystemRead,
  SCOPES.labelDefinitionRead,
  SCOPES.runtimeRead,
  SCOPES.tenantRead,
  // An admin's read-only token reads webhooks' credentials, as its admin does (Compass's webhooks.auth:read).
  SCOPES.webhooksAuthRead,
].sort();

// ---------------------------------------------------------------------------
// Every mutation, with arguments made from its signature: a read-only token must
// be refused before anything looks at them.

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface InputValue {
  name: string;
  type: TypeRef;
}
const TYPE_REF = "kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }";
const schema = await app.ok<any>(`{
  mutation: __type(name: "Mutation") { fields { name type { ${TYPE_REF} } args { name type { ${TYPE_REF} } } } }
  types: __schema { types { name kind enumValues { name } inputFields { name type { ${TYPE_REF} } } } }
}`);
const types = new Map<string, any>(schema.types.types.map((type: any) => [type.name, type]));

/** A plausible value of a GraphQL type: only required arguments and fields are filled in. */
function sample(type: TypeRef): unknown {
  if (type.kind === "NON_NULL") return sample(type.ofType!);
  if (type.kind === "LIST") return [sample(type.ofType!)];
  const named = types.get(type.name!);
  if (named.kind === "ENUM") return named.enumValues[0].name;
  if (named.kind === "INPUT_OBJECT") return requiredValues(named.inputFields);
  return { Int: 1, Float: 1, Boolean: true, JSONSchema: "true", Labels: {}, DateTime: new Date().toISOString() }[type.name!] ?? "x1";
}

function requiredValues(inputs: InputValue[]): Record<string, unknown> {
  return Object.fromEntries(inputs.filter((input) => input.type.kind === "NON_NULL").map((input) => [input.name, sample(input.type)]));
}

/** The named type under NON_NULL and LIST wrappers. */
function namedType(type: TypeRef): string {
  return type.ofType ? namedType(type.ofType) : type.name!;
}

function typeName(type: TypeRef): string {
  if (type.kind === "NON_NULL") return `${typeName(type.ofType!)}!`;
  if (type.kind === "LIST") return `[${typeName(type.ofType!)}]`;
  return type.name!;
}

test("a read-only token is FORBIDDEN on every mutation in the schema, and changes nothing", async () => {
  const admin = await newCaller("ADMIN");
  const { token, apiToken } = await createToken(admin, { readOnly: true });
  assert.deepEqual({ scopes: [...apiToken.scopes!].sort(), readOnly: apiToken.readOnly }, { scopes: READS, readOnly: true });
  assert.deepEqual(await scopesOf(token), READS);
  const fields: { name: string; type: TypeRef; args: InputValue[] }[] = schema.mutation.fields;
  assert.ok(fields.length >= 30, `the schema's mutations: ${fields.length}`);
  const before = await snapshot();
  for (const field of fields) {
    const required = field.args.filter((arg) => arg.type.kind === "NON_NULL");
    const declared = required.map((arg) => `$${arg.name}: ${typeName(arg.type)}`).join(", ");
    const passed = required.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
    const query = `mutation${declared ? `(${declared})` : ""} { ${field.name}${passed ? `(${passed})` : ""}${["OBJECT", "INTERFACE", "UNION"].includes(types.get(namedType(field.type)).kind) ? " { __typename }" : ""} }`;
    const response = await app.graphql(query, requiredValues(required), { token, headers: { tenant: tenant.externalId } });
    const error = onlyError(response);
    assert.equal(error.extensions.code, "FORBIDDEN", `${field.name}: ${error.message}`);
  }
  await assertUnchanged(before, "a read-only token's mutations");
});

test("a scoped token holds its scopes within its user's current role: a demoted user's token loses its writes", async () => {
  const admin = await newCaller("ADMIN");
  const { token, apiToken } = await createToken(admin, { scopes: [SCOPES.applicationRead, SCOPES.applicationWrite] });
  assert.deepEqual(
    { scopes: apiToken.scopes, readOnly: apiToken.readOnly, owner: apiToken.owner.id },
    {
      scopes: [SCOPES.applicationRead, SCOPES.applicationWrite],
      readOnly: false,
      owner: admin.user.id,
    },
  );
  assert.deepEqual(await scopesOf(token), [SCOPES.applicationRead, SCOPES.applicationWrite]);
  // Its write scope works; what no scope covers (tenants, the ADMIN role's) does not.
  const registered = await app.graphql(
    `mutation { registerApplication(in: { name: "scoped-app" }) { id } }`,
    {},
    { token, headers: { tenant: tenant.externalId } },
  );
  assert.equal(registered.body.errors, undefined, JSON.stringify(registered.body.errors));
  const tenantWrite = onlyError(await app.graphql(`mutation { createTenant(in: { externalId: "by-token", name: "x" }) { id } }`, {}, { token }));
  assert.equal(tenantWrite.extensions.code, "FORBIDDEN");

  await changeUserRole(app.db, app.admin.principal, admin.user.id, "VIEWER");
  assert.deepEqual(await scopesOf(token), [SCOPES.applicationRead]);
  const refused = onlyError(
    await app.graphql(`mutation { registerApplication(in: { name: "after demotion" }) { id } }`, {}, { token, headers: { tenant: tenant.externalId } }),
  );
  assert.equal(refused.extensions.code, "FORBIDDEN");
});

test("a VIEWER creates read-only tokens only", async () => {
  const viewer = await newCaller("VIEWER");
  // Omitted: read-only, the viewer's reads.
  const implicit = await createToken(viewer, {});
  // A VIEWER reads no secrets: no webhooks.auth:read.
  const viewerReads = READS.filter((scope) => scope !== SCOPES.webhooksAuthRead);
  assert.deepEqual({ scopes: [...implicit.apiToken.scopes!].sort(), readOnly: implicit.apiToken.readOnly }, { scopes: viewerReads, readOnly: true });
  const subset = await createToken(viewer, { readOnly: true, scopes: [SCOPES.tenantRead] });
  assert.deepEqual(await scopesOf(subset.token), [SCOPES.tenantRead]);
  // Its read-only token cannot mint another, nor change its user's password.
  const minted = onlyError(await app.graphql(CREATE, { name: "more" }, { token: implicit.token }));
  assert.equal(minted.extensions.code, "FORBIDDEN");

  const before = await snapshot();
  const notReadOnly = onlyError(await app.graphql(CREATE, { name: "rw", readOnly: false }, viewer));
  assert.deepEqual([notReadOnly.extensions.code, notReadOnly.extensions.field], ["BAD_USER_INPUT", "readOnly"]);
  const write = onlyError(await app.graphql(CREATE, { name: "rw", scopes: [SCOPES.applicationWrite] }, viewer));
  assert.deepEqual([write.extensions.code, write.extensions.field], ["BAD_USER_INPUT", "scopes"]);
  await assertUnchanged(before, "a viewer's refused token");
});

test("scopes outside the creator's rights, unknown or empty are BAD_USER_INPUT on scopes, and nothing is written", async () => {
  const admin = await newCaller("ADMIN");
  const before = await snapshot();
  for (const variables of [
    { scopes: ["tenant:delete"] },
    { scopes: [] },
    { scopes: [SCOPES.applicationRead, "audit:read"] },
    { scopes: [SCOPES.applicationRead, "x".repeat(10_000)] },
    { scopes: [SCOPES.applicationWrite], readOnly: true },
  ]) {
    const error = onlyError(await app.graphql(CREATE, { name: "bad", ...variables }, admin));
    assert.equal(error.extensions.code, "BAD_USER_INPUT", JSON.stringify(variables).slice(0, 80));
    // The text limits name the item ("scopes[1]").
    assert.match(error.extensions.field, /^scopes(\[\d+\])?$/);
    assert.ok(error.message.length < 500, "the message does not echo huge input");
  }
  await assertUnchanged(before, "refused tokens");
  // An admin's token without scopes keeps the role's rights, as before scopes existed.
  const plain = await createToken(admin, {});
  assert.deepEqual({ scopes: plain.apiToken.scopes, readOnly: plain.apiToken.readOnly }, { scopes: null, readOnly: false });
});

test("admins list every user's tokens with their owner, and revoke any; others may not list them", async () => {
  const viewer = await newCaller("VIEWER");
  const theirs = await createToken(viewer, {});
  const all = (await app.ok<any>(`{ apiTokens(allUsers: true) { id readOnly owner { id email } } }`)).apiTokens;
  const listed = all.find((row: { id: string }) => row.id === theirs.apiToken.id);
  assert.deepEqual(listed, { id: theirs.apiToken.id, readOnly: true, owner: { id: viewer.user.id, email: viewer.user.email } });
  assert.equal(all.length, await app.db.apiToken.count());

  const refused = onlyError(await app.graphql(`{ apiTokens(allUsers: true) { id } }`, {}, viewer));
  assert.equal(refused.extensions.code, "FORBIDDEN");
  const both = onlyError(await app.graphql(`{ apiTokens(allUsers: true, userId: "x") { id } }`, {}, app.admin));
  assert.deepEqual([both.extensions.code, both.extensions.field], ["BAD_USER_INPUT", "allUsers"]);

  await app.ok(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: theirs.apiToken.id });
  assert.equal((await app.graphql(VIEWER_QUERY, {}, { token: theirs.token })).status, 401);
});
