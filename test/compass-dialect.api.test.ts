/**
 * Issue 13: a client written for Kyma Compass's director runs its
 * integration-system flows here unchanged. The documents under
 * test/fixtures/compass/ are the ones Compass's e2e fixtures render
 * (tests/pkg/fixtures/integration_system_requests.go with the selection sets
 * of graphqlizer/fields.go), byte for byte; the values Compass's Go code puts
 * in with fmt.Sprintf are put in the same way here. They are sent over real
 * HTTP as machinebox/graphql sends them, and the assertions replay Compass's
 * integration_system_api_test.go and oauth20_test.go. Then both dialects are
 * tested against each other, and Compass's @sanitize behaviour.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { parse, validate } from "graphql";
import { ONLY_WHEN_ASKED, SCOPES } from "@/lib/scopes";
import { GRANTABLE_INTEGRATION_SYSTEM_SCOPES, getConfig } from "@/lib/config";
import { DEFAULT_QUERY_LIMITS, queryLimitError } from "@/graphql/plugins/query-limits";
import { type Caller, auditEventsOf, recordSecret, setupTestApp } from "./harness";

// Credentials may be narrowed to any grantable scope, integration_system.auths:read included.
process.env.INTEGRATION_SYSTEM_SCOPES = GRANTABLE_INTEGRATION_SYSTEM_SCOPES.join(" ");
const app = await setupTestApp();
const base = await app.listen();

// ---------------------------------------------------------------------------
// Compass's documents

const FIXTURES = path.join(import.meta.dirname, "fixtures/compass");
const FIXTURE_NAMES = fs
  .readdirSync(FIXTURES)
  .filter((file) => file.endsWith(".graphql"))
  .map((file) => file.slice(0, -".graphql".length));

/** A fixture with its Go verbs filled in order, as fmt.Sprintf does (%s: as is, %d: an integer). */
function compass(name: string, ...values: (string | number)[]): string {
  const template = fs.readFileSync(path.join(FIXTURES, `${name}.graphql`), "utf8");
  let next = 0;
  const document = template.replace(/%([sd])/g, (_verb, kind: string) => {
    assert.ok(next < values.length, `${name}: more verbs than values`);
    const value = values[next++];
    assert.equal(typeof value, kind === "d" ? "number" : "string", `${name}: value ${next} for %${kind}`);
    return String(value);
  });
  assert.equal(next, values.length, `${name}: more values than verbs`);
  return document;
}

/** Graphqlizer.IntegrationSystemInputToGQL's text/template, rendered. */
function integrationSystemInput(name: string, description?: string): string {
  return `{\n\t\tname: "${name}",${description ? `\n\t\tdescription: "${description}",` : ""}\n\t}`;
}

interface Answer {
  status: number;
  text: string;
  body: { data?: { result?: any } | null; errors?: { message: string; path?: string[]; extensions: Record<string, any> }[] };
}

/** POSTs a document as machinebox/graphql does: JSON, `variables` null, to /api/graphql. */
async function send(document: string, token: string): Promise<Answer> {
  const response = await fetch(`${base}/api/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json; charset=utf-8",
      accept: "application/json; charset=utf-8",
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ query: document, variables: null }),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) };
}

/** testctx.RunOperation: fails on any error, returns what `result:` holds. */
async function run(document: string, as: Caller | string = app.admin): Promise<any> {
  const answer = await send(document, typeof as === "string" ? as : as.token);
  assert.equal(answer.status, 200, answer.text);
  assert.equal(answer.body.errors, undefined, answer.text);
  return answer.body.data!.result;
}

// fixtures.RegisterIntegrationSystem, GetIntegrationSystem, CleanupIntegrationSystem
const register = (name: string) => run(compass("register-integration-system", integrationSystemInput(name)));
const get = (id: string, as?: Caller | string) => run(compass("get-integration-system", id), as);
async function cleanup(id: string | undefined) {
  if (id) await app.db.integrationSystem.deleteMany({ where: { id } });
}

/** A client_credentials grant at the url the credential names, with HTTP Basic, as Compass's clients do. */
async function fetchToken(credential: { clientId: string; clientSecret: string; url: string }): Promise<Response> {
  return fetch(credential.url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(credential.clientId)}:${encodeURIComponent(credential.clientSecret)}`).toString("base64")}`,
    },
    body: new URLSearchParams({ grant_type: "client_credentials" }),
  });
}

async function tokenOf(credential: { clientId: string; clientSecret: string; url: string }): Promise<string> {
  const response = await fetchToken(credential);
  const body = await response.json();
  assert.equal(response.status, 200, JSON.stringify(body));
  return body.access_token;
}

/** Every Auth field Compass's ForAuth selects besides `credential`: null for an integration system's credential. */
const NO_EXTRAS = {
  oneTimeToken: null,
  certCommonName: null,
  accessStrategy: null,
  additionalHeaders: null,
  additionalQueryParams: null,
  requestAuth: null,
};

// ---------------------------------------------------------------------------

describe("Compass's documents, verbatim", () => {
  test("every fixture validates against the schema and passes the query limits as configured", () => {
    assert.deepEqual(FIXTURE_NAMES.sort(), [
      "delete-system-auth-for-integration-system",
      "get-integration-system",
      "get-integration-systems-with-pagination",
      "get-viewer",
      "register-integration-system",
      "request-client-credentials-for-integration-system",
      "unregister-integration-system",
      "update-integration-system",
    ]);
    const config = getConfig();
    const limits = { ...DEFAULT_QUERY_LIMITS, maxDepth: config.graphqlMaxDepth, maxCost: config.graphqlMaxCost };
    const values: Record<string, (string | number)[]> = {
      "get-integration-systems-with-pagination": [100, ""],
      "register-integration-system": [integrationSystemInput("int-system")],
      "update-integration-system": ["id", integrationSystemInput("new-int-system", "new description")],
      "get-viewer": [],
    };
    for (const name of FIXTURE_NAMES) {
      const document = parse(compass(name, ...(values[name] ?? ["id"])));
      assert.deepEqual(validate(app.server.getEnveloped().schema, document), [], name);
      assert.equal(queryLimitError(app.server.getEnveloped().schema, document, limits), null, name);
    }
  });

  test("TestRegisterIntegrationSystem: register, then get", async () => {
    let id: string | undefined;
    try {
      const output = await register("int-system");
      id = output.id;
      assert.ok(output.id);
      assert.equal(output.name, "int-system");
      const intSysOutput = await get(output.id);
      // assertions.AssertIntegrationSystem
      assert.deepEqual(intSysOutput, { id: output.id, name: "int-system", description: null, auths: [] });
    } finally {
      await cleanup(id);
    }
  });

  test("TestUpdateIntegrationSystem: int-system becomes new-int-system with a description", async () => {
    const intSys = await register("int-system");
    try {
      const updateOutput = await run(compass("update-integration-system", intSys.id, integrationSystemInput("new-int-system", "new description")));
      assert.deepEqual(updateOutput, { id: intSys.id, name: "new-int-system", description: "new description", auths: [] });
    } finally {
      await cleanup(intSys.id);
    }
  });

  test("TestUnregisterIntegrationSystem: afterwards the system is null", async () => {
    const intSys = await register("int-system");
    try {
      const deleteOutput = await run(compass("unregister-integration-system", intSys.id));
      assert.equal(deleteOutput.id, intSys.id);
      assert.equal(await get(intSys.id), null);
    } finally {
      await cleanup(intSys.id);
    }
  });

  test('TestQueryIntegrationSystem and TestQueryIntegrationSystems: first 100 after ""', async () => {
    const intSys1 = await register("int-system-1");
    const intSys2 = await register("int-system-2");
    try {
      assert.equal((await get(intSys1.id)).name, "int-system-1");
      const output = await run(compass("get-integration-systems-with-pagination", 100, ""));
      // assertions.AssertIntegrationSystemNames
      assert.deepEqual(output.data.map((system: { name: string }) => system.name).sort(), ["int-system-1", "int-system-2"]);
      assert.equal(output.totalCount, 2);
      assert.deepEqual(Object.keys(output.pageInfo).sort(), ["endCursor", "hasNextPage", "startCursor"]);
      assert.equal(output.pageInfo.hasNextPage, false);
      // Compass's page info (pkg/pagination): the page starts at the `after` given, and the last page has no endCursor.
      assert.deepEqual(output.pageInfo, { startCursor: "", endCursor: "", hasNextPage: false });
    } finally {
      await cleanup(intSys1.id);
      await cleanup(intSys2.id);
    }
  });

  test("TestGenerateClientCredentialsToIntegrationSystem, a token with the secret, viewer { id type }, TestDeleteSystemAuthFromIntegrationSystem", async () => {
    const intSys = await register("int-system");
    try {
      const intSysAuth = await run(compass("request-client-credentials-for-integration-system", intSys.id));
      const credential = intSysAuth.auth.credential;
      recordSecret(credential.clientSecret);
      assert.deepEqual(Object.keys(credential).sort(), ["clientId", "clientSecret", "url"], "an OAuthCredentialData");
      assert.ok(credential.clientId);
      assert.match(credential.clientSecret, /^cmp_cs_/);
      assert.equal(credential.clientId, intSysAuth.id);
      assert.equal(credential.url, `${base}/oauth2/token`);
      assert.deepEqual({ ...intSysAuth.auth, credential: undefined }, { ...NO_EXTRAS, credential: undefined });

      // The generated credential is listed with the system, without its secret.
      const listed = await get(intSys.id);
      assert.equal(listed.auths.length, 1);
      assert.deepEqual(listed.auths[0], { id: intSysAuth.id, auth: { credential: { ...credential, clientSecret: null }, ...NO_EXTRAS } });

      const token = await tokenOf(credential);
      assert.deepEqual(await run(compass("get-viewer"), token), { id: intSys.id, type: "INTEGRATION_SYSTEM" });

      const deleteOutput = await run(compass("delete-system-auth-for-integration-system", intSysAuth.id));
      assert.equal(deleteOutput.id, intSysAuth.id);
      assert.deepEqual((await get(intSys.id)).auths, [], "intSysAfterDelete.Auths is empty");
      // Its tokens stop working at once, and so does the secret.
      const refused = await send(compass("get-viewer"), token);
      assert.equal(refused.status, 401, refused.text);
      assert.equal(refused.body.errors?.[0].extensions.code, "UNAUTHENTICATED");
      assert.equal((await fetchToken(credential)).status, 401);
    } finally {
      await cleanup(intSys.id);
    }
  });

  test("viewer { id type } for a user is the user's id and USER", async () => {
    assert.deepEqual(await run(compass("get-viewer"), app.viewer), { id: app.viewer.user.id, type: "USER" });
    assert.deepEqual(await run(compass("get-viewer"), app.admin), { id: app.admin.user.id, type: "USER" });
  });

  test("deleting a credential that does not exist is an error, as in Compass", async () => {
    const answer = await send(compass("delete-system-auth-for-integration-system", "3f1c2d8e-1111-4222-8333-944455556666"), app.admin.token);
    assert.equal(answer.body.errors?.[0].extensions.code, "NOT_FOUND", answer.text);
  });
});

// ---------------------------------------------------------------------------

const SEED = {
  create: `mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { id name } }`,
  delete: `mutation($id: ID!) { deleteIntegrationSystem(id: $id) { id name } }`,
  generate: `mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(id: $id) { id ... on IntSysSystemAuth { secretHint expiresAt scopes } } }`,
  generateByIntegrationSystemID: `mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(integrationSystemID: $id) { id } }`,
  deleteAuth: `mutation($id: ID!) { deleteSystemAuthForIntegrationSystem(id: $id) { id } }`,
};

describe("both dialects, against each other", () => {
  test("created with the seed's name, unregistered with Compass's; registered with Compass's, deleted with the seed's", async () => {
    const { createIntegrationSystem: seeded } = await app.ok(SEED.create, { in: { name: "int-system" } });
    assert.equal((await run(compass("unregister-integration-system", seeded.id))).id, seeded.id);
    assert.equal(await app.db.integrationSystem.count({ where: { id: seeded.id } }), 0);

    const registered = await register("int-system");
    assert.equal((await app.ok(SEED.delete, { id: registered.id })).deleteIntegrationSystem.id, registered.id);
    assert.equal(await get(registered.id), null);
  });

  test("credentials: requested (Compass) and deleted by id (seed); generated by integrationSystemID and deleted by authID (Compass)", async () => {
    const intSys = await register("int-system");
    try {
      const requested = await run(compass("request-client-credentials-for-integration-system", intSys.id));
      recordSecret(requested.auth.credential.clientSecret);
      assert.equal((await app.ok(SEED.deleteAuth, { id: requested.id })).deleteSystemAuthForIntegrationSystem.id, requested.id);

      const generated = (await app.ok(SEED.generateByIntegrationSystemID, { id: intSys.id })).generateClientCredentialsForIntegrationSystem;
      assert.equal((await run(compass("delete-system-auth-for-integration-system", generated.id))).id, generated.id);
      assert.equal(await app.db.systemAuth.count({ where: { integrationSystemId: intSys.id } }), 0);
    } finally {
      await cleanup(intSys.id);
    }
  });

  test("the seed's generate still answers this project's fields through IntSysSystemAuth", async () => {
    const intSys = await register("int-system");
    try {
      const generated = (await app.ok(SEED.generate, { id: intSys.id })).generateClientCredentialsForIntegrationSystem;
      assert.equal(generated.secretHint.length, 4);
      assert.equal(generated.expiresAt, null);
      // tenant:write only when asked for (decision 0017).
      assert.deepEqual(
        generated.scopes,
        getConfig().integrationSystemScopes.filter((scope) => !ONLY_WHEN_ASKED.includes(scope)),
      );
    } finally {
      await cleanup(intSys.id);
    }
  });

  test("each pair of names writes the same audit events", async () => {
    const actions = async (fn: () => Promise<unknown>) => (await auditEventsOf(app.db, fn)).events.map((event) => [event.action, event.objectType]);
    let seedId = "";
    let compassId = "";
    assert.deepEqual(
      await actions(async () => (seedId = (await app.ok(SEED.create, { in: { name: "int-system-1" } })).createIntegrationSystem.id)),
      await actions(async () => (compassId = (await register("int-system-2")).id)),
    );
    let seedAuth = "";
    let compassAuth = "";
    assert.deepEqual(
      await actions(async () => (seedAuth = (await app.ok(SEED.generate, { id: seedId })).generateClientCredentialsForIntegrationSystem.id)),
      await actions(async () => {
        const requested = await run(compass("request-client-credentials-for-integration-system", compassId));
        recordSecret(requested.auth.credential.clientSecret);
        compassAuth = requested.id;
      }),
    );
    assert.deepEqual(
      await actions(() => app.ok(SEED.deleteAuth, { id: seedAuth })),
      await actions(() => run(compass("delete-system-auth-for-integration-system", compassAuth))),
    );
    const both = [await actions(() => app.ok(SEED.delete, { id: seedId })), await actions(() => run(compass("unregister-integration-system", compassId)))];
    assert.deepEqual(both[0], both[1]);
    assert.equal(both[0].length, 1);
  });

  test("the same errors under both names: a VIEWER is FORBIDDEN, an unknown id NOT_FOUND, a duplicate name CONFLICT", async () => {
    const codes = async (document: string, variables: Record<string, unknown>, as: Caller) =>
      (await app.graphql(document, variables, as)).body.errors?.map((error) => [error.extensions.code, error.extensions.field ?? null]);
    const unknown = "3f1c2d8e-1111-4222-8333-944455556666";
    for (const [seed, compassName] of [
      ["createIntegrationSystem", "registerIntegrationSystem"],
      ["deleteIntegrationSystem", "unregisterIntegrationSystem"],
      ["generateClientCredentialsForIntegrationSystem", "requestClientCredentialsForIntegrationSystem"],
    ]) {
      const args = seed === "createIntegrationSystem" ? `(in: {name: "int-system"})` : `(id: "${unknown}")`;
      // An ADMIN's create succeeds; its refusal (a duplicate) is compared below.
      for (const as of seed === "createIntegrationSystem" ? [app.viewer] : [app.viewer, app.admin]) {
        assert.deepEqual(
          await codes(`mutation { ${seed}${args} { id } }`, {}, as),
          await codes(`mutation { ${compassName}${args} { id } }`, {}, as),
          `${seed} as ${as.user.role}`,
        );
      }
    }
    const existing = await register("int-system");
    try {
      const seedAnswer = await codes(`mutation { createIntegrationSystem(in: {name: "INT-SYSTEM"}) { id } }`, {}, app.admin);
      assert.deepEqual(seedAnswer, [["CONFLICT", "in.name"]]);
      assert.deepEqual(await codes(`mutation { registerIntegrationSystem(in: {name: "INT-SYSTEM"}) { id } }`, {}, app.admin), seedAnswer);
    } finally {
      await cleanup(existing.id);
    }
  });
});

describe("two spellings of one argument: exactly one", () => {
  const cases = [
    ["deleteSystemAuthForIntegrationSystem", "id", "authID"],
    ["generateClientCredentialsForIntegrationSystem", "id", "integrationSystemID"],
    ["requestClientCredentialsForIntegrationSystem", "id", "integrationSystemID"],
  ] as const;
  for (const [operation, first, second] of cases) {
    test(`${operation}: neither ${first} nor ${second}, or both, is BAD_USER_INPUT on ${first}, and writes nothing`, async () => {
      const intSys = await register("int-system");
      try {
        const auth = (await app.ok(SEED.generate, { id: intSys.id })).generateClientCredentialsForIntegrationSystem;
        const target = operation === "deleteSystemAuthForIntegrationSystem" ? auth.id : intSys.id;
        const state = async () => [await app.db.systemAuth.count(), await app.db.auditEvent.count()];
        const before = await state();
        for (const args of ["", `(${first}: "${target}", ${second}: "${target}")`, `(${first}: null, ${second}: null)`]) {
          const response = await app.graphql(`mutation { ${operation}${args} { id } }`, {}, app.admin);
          assert.equal(response.status, 200);
          assert.deepEqual(
            response.body.errors?.map((error) => [error.extensions.code, error.extensions.field]),
            [["BAD_USER_INPUT", first]],
            `${operation}${args}: ${JSON.stringify(response.body)}`,
          );
          assert.deepEqual(await state(), before);
        }
        // Either spelling alone does it, and so does one spelling beside an explicit null for the other (null counts as not passed).
        for (const [name, other] of [
          [first, null],
          [second, null],
          [first, second],
          [second, first],
        ]) {
          const alsoNull = other ? `, ${other}: null` : "";
          const response = await app.ok(`mutation($v: ID!) { ${operation}(${name}: $v${alsoNull}) { id ... on IntSysSystemAuth { referenceObjectId } } }`, {
            v:
              operation === "deleteSystemAuthForIntegrationSystem"
                ? (await app.ok(SEED.generate, { id: intSys.id })).generateClientCredentialsForIntegrationSystem.id
                : intSys.id,
          });
          assert.equal(response[operation].referenceObjectId, intSys.id, `${name}${alsoNull}`);
        }
      } finally {
        await cleanup(intSys.id);
      }
    });
  }
});

// ---------------------------------------------------------------------------

describe("Compass's @sanitize: a system token without integration_system.auths:read", () => {
  async function systemWithToken(scopes: string[]) {
    const intSys = await register("int-system");
    try {
      const { generateClientCredentialsForIntegrationSystem: auth } = await app.ok(
        `mutation($id: ID!, $scopes: [String!]) { generateClientCredentialsForIntegrationSystem(id: $id, scopes: $scopes) {
          id auth { credential { ... on OAuthCredentialData { clientId clientSecret } } } } }`,
        { id: intSys.id, scopes },
      );
      const secret: string = auth.auth.credential.clientSecret;
      recordSecret(secret);
      // Generated in-process (its url names the test origin): fetch the token from the listening server.
      return { intSys, auth, secret, token: await tokenOf({ clientId: auth.id, clientSecret: secret, url: `${base}/oauth2/token` }) };
    } catch (error) {
      await cleanup(intSys.id);
      throw error;
    }
  }

  test("reads auths' id and type, auth and secretHint null, the rest of the answer intact, nothing of the secret or client id in the answer", async () => {
    const { intSys, auth, secret, token } = await systemWithToken([SCOPES.integrationSystemRead]);
    try {
      const answer = await send(compass("get-integration-system", intSys.id), token);
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.errors, undefined, answer.text);
      assert.deepEqual(answer.body.data!.result, { id: intSys.id, name: "int-system", description: null, auths: [{ id: auth.id, auth: null }] });

      const list = await send(compass("get-integration-systems-with-pagination", 100, ""), token);
      assert.equal(list.body.errors, undefined, list.text);
      assert.deepEqual(list.body.data!.result.data, [{ id: intSys.id, name: "int-system", description: null, auths: [{ id: auth.id, auth: null }] }]);
      assert.equal(list.body.data!.result.totalCount, 1);

      // The seed's own fields on the same credentials.
      const seedFields = await send(
        `{ integrationSystem(id: "${intSys.id}") { name auths { id type tenantId referenceObjectId secretHint scopes auth { credential { __typename } } } } }`,
        token,
      );
      assert.equal(seedFields.body.errors, undefined, seedFields.text);
      assert.deepEqual((seedFields.body.data as any).integrationSystem.auths, [
        {
          id: auth.id,
          type: "INTEGRATION_SYSTEM",
          tenantId: null,
          referenceObjectId: intSys.id,
          secretHint: null,
          scopes: [SCOPES.integrationSystemRead],
          auth: null,
        },
      ]);

      for (const text of [answer.text, list.text, seedFields.text]) {
        assert.ok(!text.includes(secret.slice(-4)), "not even the secret's hint");
        assert.doesNotMatch(text, /cmp_cs_|clientId|clientSecret|oauth2\/token/);
      }
    } finally {
      await cleanup(intSys.id);
    }
  });

  test("with integration_system.auths:read the same documents answer the credential (never its secret)", async () => {
    const { intSys, auth, token } = await systemWithToken([SCOPES.integrationSystemRead, SCOPES.integrationSystemAuthsRead]);
    try {
      const result = await run(compass("get-integration-system", intSys.id), token);
      assert.deepEqual(result.auths, [
        { id: auth.id, auth: { credential: { clientId: auth.id, clientSecret: null, url: `${base}/oauth2/token` }, ...NO_EXTRAS } },
      ]);
    } finally {
      await cleanup(intSys.id);
    }
  });
});

test("every test cleaned up after itself (Compass's tests reuse the names)", async () => {
  assert.equal(await app.db.integrationSystem.count({ where: { name: { startsWith: "int-system" } } }), 0);
});
