import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { TEST_ORIGIN, onlyError, setupTestApp } from "./harness";

/** Issue 16's API for the console at scale: credential notes and scopes, list search, filters, last page and page numbers. */
const app = await setupTestApp();

const CREATE = `mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { id name } }`;
const GENERATE = `mutation($id: ID!, $scopes: [String!], $note: String, $days: Int) {
  generateClientCredentialsForIntegrationSystem(id: $id, scopes: $scopes, note: $note, expiresInDays: $days) {
    id ... on IntSysSystemAuth { scopes note expiresAt } } }`;
const SET_NOTE = `mutation($id: ID!, $note: String) { setSystemAuthNote(id: $id, note: $note) { id ... on IntSysSystemAuth { note } } }`;
const LIST = `query($first: Int, $after: PageCursor, $search: String, $filter: IntegrationSystemFilter, $last: Boolean, $skipPages: Int, $orderBy: IntegrationSystemOrder) {
  integrationSystems(first: $first, after: $after, search: $search, filter: $filter, last: $last, skipPages: $skipPages, orderBy: $orderBy) {
    data { id name lastUsedAt } pageInfo { endCursor hasNextPage } totalCount } }`;

async function create(name: string, description?: string): Promise<string> {
  return (await app.ok(CREATE, { in: { name, description } })).createIntegrationSystem.id;
}
async function generate(id: string, extra: Record<string, unknown> = {}) {
  return (await app.ok(GENERATE, { id, ...extra })).generateClientCredentialsForIntegrationSystem as {
    id: string;
    scopes: string[];
    note: string | null;
    expiresAt: string | null;
  };
}
async function list(variables: Record<string, unknown>) {
  return (await app.ok(LIST, { first: 100, ...variables })).integrationSystems as {
    data: { id: string; name: string; lastUsedAt: string | null }[];
    pageInfo: { endCursor: string; hasNextPage: boolean };
    totalCount: number;
  };
}
async function deleteAll() {
  await app.db.systemAuth.deleteMany({});
  await app.db.integrationSystem.deleteMany({});
}

describe("credentials: scopes, note, settings", () => {
  test("credentialSettings names the grantable scopes and where clients go", async () => {
    const { credentialSettings } = await app.ok(`{ credentialSettings { grantableScopes issuer tokenUrl jwksUrl expiringSoonDays } }`, {}, app.viewer);
    assert.ok(credentialSettings.grantableScopes.length > 0);
    assert.equal(credentialSettings.issuer, TEST_ORIGIN);
    assert.equal(credentialSettings.tokenUrl, `${TEST_ORIGIN}/oauth2/token`);
    assert.equal(credentialSettings.jwksUrl, `${TEST_ORIGIN}/.well-known/jwks.json`);
    assert.equal(credentialSettings.expiringSoonDays, 7);
  });

  test("a credential generated with a subset of scopes and a note keeps both", async () => {
    const { credentialSettings } = await app.ok(`{ credentialSettings { grantableScopes } }`);
    const id = await create("Scoped System");
    const credential = await generate(id, { scopes: [credentialSettings.grantableScopes[0]], note: "  prod cluster  " });
    assert.deepEqual(credential.scopes, [credentialSettings.grantableScopes[0]]);
    assert.equal(credential.note, "prod cluster", "trimmed");
    const blank = await generate(id, { note: "   " });
    assert.equal(blank.note, null, "a blank note is none");
  });

  test("setSystemAuthNote changes and clears the note, audited with before and after", async () => {
    const id = await create("Noted System");
    const credential = await generate(id);
    const set = await app.ok(SET_NOTE, { id: credential.id, note: "CI" });
    assert.equal(set.setSystemAuthNote.note, "CI");
    const cleared = await app.ok(SET_NOTE, { id: credential.id, note: null });
    assert.equal(cleared.setSystemAuthNote.note, null);
    const events = await app.db.auditEvent.findMany({ where: { action: "CLIENT_CREDENTIALS_NOTE_CHANGED", objectId: id }, orderBy: { createdAt: "asc" } });
    assert.deepEqual(
      events.map((event) => JSON.parse(event.details!)),
      [
        { clientId: credential.id, before: null, after: "CI" },
        { clientId: credential.id, before: "CI", after: null },
      ],
    );
  });

  test("a note too long or with control characters is BAD_USER_INPUT on note, and changes nothing", async () => {
    const id = await create("Strict Note System");
    const credential = await generate(id, { note: "kept" });
    for (const note of ["n".repeat(201), "two\nlines"]) {
      const error = onlyError(await app.graphql(SET_NOTE, { id: credential.id, note }, app.admin));
      assert.equal(error.extensions.code, "BAD_USER_INPUT");
      assert.equal(error.extensions.field, "note");
    }
    assert.equal((await app.db.systemAuth.findUnique({ where: { id: credential.id } }))!.note, "kept");
    assert.equal(onlyError(await app.graphql(GENERATE, { id, note: "n".repeat(201) }, app.admin)).extensions.field, "note");
    await app.ok(SET_NOTE, { id: credential.id, note: "n".repeat(200) });
  });

  test("only writers change notes; an unknown credential is NOT_FOUND", async () => {
    const id = await create("Viewer Note System");
    const credential = await generate(id);
    assert.equal(onlyError(await app.graphql(SET_NOTE, { id: credential.id, note: "x" }, app.viewer)).extensions.code, "FORBIDDEN");
    assert.equal(onlyError(await app.graphql(SET_NOTE, { id: "no-such-credential", note: "x" }, app.admin)).extensions.code, "NOT_FOUND");
  });
});

describe("integration systems at scale", () => {
  const ids: Record<string, string> = {};
  let clientId = "";

  before(async () => {
    await deleteAll();
    ids.alpha = await create("Alpha", "Billing bridge for the ERP");
    ids.beta = await create("Beta", "100% literal match_test");
    ids.gamma = await create("Gamma");
    ids.delta = await create("Delta");
    clientId = (await generate(ids.alpha)).id;
    const used = await generate(ids.beta, { days: 3 });
    await app.db.systemAuth.update({ where: { id: used.id }, data: { lastUsedAt: new Date("2026-01-02T03:04:05.000Z") } });
    await generate(ids.gamma, { days: 90 });
    // An expired credential counts as expiring soon, too.
    const expired = await generate(ids.delta, { days: 1 });
    await app.db.systemAuth.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
  });

  test("search matches descriptions (ignoring case, literally) and exact client ids", async () => {
    assert.deepEqual(
      (await list({ search: "billing BRIDGE" })).data.map((row) => row.name),
      ["Alpha"],
    );
    assert.deepEqual(
      (await list({ search: "100%" })).data.map((row) => row.name),
      ["Beta"],
      "% is literal",
    );
    assert.deepEqual(
      (await list({ search: clientId })).data.map((row) => row.name),
      ["Alpha"],
    );
    assert.equal((await list({ search: clientId.slice(0, 20) })).totalCount, 0, "a client id must match whole");
    assert.deepEqual(
      (await list({ search: "gam" })).data.map((row) => row.name),
      ["Gamma"],
      "names still match",
    );
  });

  test("filters: no credentials, expiring soon (or expired), never used; totalCount follows", async () => {
    const epsilon = await create("Epsilon");
    try {
      assert.deepEqual(
        (await list({ filter: "NO_CREDENTIALS" })).data.map((row) => row.name),
        ["Epsilon"],
      );
      const expiring = await list({ filter: "EXPIRING_SOON" });
      assert.deepEqual(
        expiring.data.map((row) => row.name),
        ["Beta", "Delta"],
      );
      assert.equal(expiring.totalCount, 2);
      assert.deepEqual(
        (await list({ filter: "NEVER_USED" })).data.map((row) => row.name),
        ["Alpha", "Gamma", "Delta", "Epsilon"],
      );
      assert.deepEqual(
        (await list({ filter: "NEVER_USED", search: "a" })).data.map((row) => row.name),
        ["Alpha", "Gamma", "Delta"],
        "search and filter combine",
      );
    } finally {
      await app.db.integrationSystem.delete({ where: { id: epsilon } });
    }
  });

  test("lastUsedAt is the latest use of any credential", async () => {
    const rows = (await list({})).data;
    assert.equal(rows.find((row) => row.name === "Beta")!.lastUsedAt, "2026-01-02T03:04:05.000Z");
    assert.equal(rows.find((row) => row.name === "Alpha")!.lastUsedAt, null);
  });

  test("last page holds what the full pages leave, in order, for both orderings", async () => {
    const byCreation = await list({ first: 3, last: true });
    assert.deepEqual(
      byCreation.data.map((row) => row.name),
      ["Delta"],
      "4 rows, pages of 3: the last holds 1",
    );
    assert.equal(byCreation.pageInfo.hasNextPage, false);
    assert.equal(byCreation.totalCount, 4);
    const byName = await list({ first: 2, last: true, orderBy: { field: "NAME", direction: "DESC" } });
    assert.deepEqual(
      byName.data.map((row) => row.name),
      ["Beta", "Alpha"],
    );
    const filtered = await list({ first: 1, last: true, filter: "EXPIRING_SOON" });
    assert.deepEqual(
      filtered.data.map((row) => row.name),
      ["Delta"],
    );
  });

  test("skipPages answers the page that many pages on, and continues with its cursor", async () => {
    const third = await list({ first: 1, skipPages: 2 });
    assert.deepEqual(
      third.data.map((row) => row.name),
      ["Gamma"],
    );
    assert.equal(third.pageInfo.hasNextPage, true);
    const fourth = await list({ first: 1, after: third.pageInfo.endCursor });
    assert.deepEqual(
      fourth.data.map((row) => row.name),
      ["Delta"],
    );
    const fromCursor = await list({ first: 1, after: (await list({ first: 1 })).pageInfo.endCursor, skipPages: 1 });
    assert.deepEqual(
      fromCursor.data.map((row) => row.name),
      ["Gamma"],
      "skips from `after`",
    );
    const byName = await list({ first: 2, skipPages: 1, orderBy: { field: "NAME", direction: "ASC" } });
    assert.deepEqual(
      byName.data.map((row) => row.name),
      ["Delta", "Gamma"],
    );
    const past = await list({ first: 2, skipPages: 5 });
    assert.deepEqual(past.data, []);
    assert.equal(past.totalCount, 4);
  });

  test("paging arguments out of bounds are BAD_USER_INPUT naming the argument", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ skipPages: 0 }, "skipPages"],
      [{ skipPages: 51 }, "skipPages"],
      [{ last: true, after: (await list({ first: 1 })).pageInfo.endCursor }, "last"],
      [{ last: true, skipPages: 1 }, "last"],
    ];
    for (const [variables, field] of cases) {
      const error = onlyError(await app.graphql(LIST, { first: 1, ...variables }, app.admin));
      assert.equal(error.extensions.code, "BAD_USER_INPUT", JSON.stringify(variables));
      assert.equal(error.extensions.field, field);
    }
  });
});

describe("issue 27: a credential whose one-time secret was never confirmed as stored", () => {
  const CONFIRMED = `query($id: ID!) { integrationSystem(id: $id) { auths { id secretConfirmed } } }`;
  const CONFIRM = `mutation($id: ID!) { confirmSystemAuthSecretStored(id: $id) { id ... on IntSysSystemAuth { secretConfirmed } } }`;
  const AWAITING = `mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(id: $id, awaitConfirmation: true) { id ... on IntSysSystemAuth { secretConfirmed } } }`;

  test("generated awaiting confirmation it reads unconfirmed until confirmed (the console's path); other callers' credentials count as confirmed", async () => {
    const id = await create(`Unconfirmed ${Date.now()}`);
    const plain = await generate(id);
    const awaiting = (await app.ok(AWAITING, { id })).generateClientCredentialsForIntegrationSystem;
    assert.equal(awaiting.secretConfirmed, false);
    const read = async () =>
      new Map(
        (await app.ok(CONFIRMED, { id })).integrationSystem.auths.map((auth: { id: string; secretConfirmed: boolean }) => [auth.id, auth.secretConfirmed]),
      );
    assert.deepEqual(
      await read(),
      new Map([
        [plain.id, true],
        [awaiting.id, false],
      ]),
    );

    // A viewer may not confirm; an unknown id is NOT_FOUND.
    assert.equal(onlyError(await app.graphql(CONFIRM, { id: awaiting.id }, app.viewer)).extensions.code, "FORBIDDEN");
    assert.equal(onlyError(await app.graphql(CONFIRM, { id: "no-such-credential" }, app.admin)).extensions.code, "NOT_FOUND");
    assert.equal((await read()).get(awaiting.id), false);

    assert.equal((await app.ok(CONFIRM, { id: awaiting.id })).confirmSystemAuthSecretStored.secretConfirmed, true);
    assert.equal((await app.ok(CONFIRM, { id: awaiting.id })).confirmSystemAuthSecretStored.secretConfirmed, true, "idempotent");
    assert.deepEqual(
      await read(),
      new Map([
        [plain.id, true],
        [awaiting.id, true],
      ]),
    );
  });
});
