import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { TEST_ORIGIN, onlyError, setupTestApp } from "./harness";

const app = await setupTestApp();

const FIELDS = "id name description createdAt updatedAt auths { id }";
const CREATE = `mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { ${FIELDS} } }`;
const PAGE = `query($first: Int, $after: PageCursor, $search: String, $orderBy: IntegrationSystemOrder) {
  integrationSystems(first: $first, after: $after, search: $search, orderBy: $orderBy) {
    data { id name } pageInfo { startCursor endCursor hasNextPage } totalCount } }`;

async function create(name: string, description?: string) {
  const data = await app.ok(CREATE, { in: { name, description } });
  return data.createIntegrationSystem as { id: string; name: string; description: string | null; createdAt: string };
}

async function deleteAll() {
  await app.db.systemAuth.deleteMany({});
  await app.db.integrationSystem.deleteMany({});
}

describe("the seed's operations", () => {
  test("create, read, update and delete an integration system", async () => {
    const created = await create("  IntegrationSystemFromBigProvider  ", "Registers BigProvider's apps");
    assert.equal(created.name, "IntegrationSystemFromBigProvider", "name is trimmed");
    assert.match(created.createdAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const read = await app.ok(`query($id: ID!) { integrationSystem(id: $id) { ${FIELDS} } }`, { id: created.id });
    assert.equal(read.integrationSystem.description, "Registers BigProvider's apps");

    const updated = await app.ok(`mutation($id: ID!, $in: IntegrationSystemInput!) { updateIntegrationSystem(id: $id, in: $in) { ${FIELDS} } }`, {
      id: created.id,
      in: { name: "integrationsystemfrombigprovider" },
    });
    assert.equal(updated.updateIntegrationSystem.name, "integrationsystemfrombigprovider", "own name in another case is allowed");
    assert.equal(updated.updateIntegrationSystem.description, null, "an omitted description clears it");

    const deleted = await app.ok(`mutation($id: ID!) { deleteIntegrationSystem(id: $id) { id name } }`, { id: created.id });
    assert.equal(deleted.deleteIntegrationSystem.id, created.id);
    const gone = await app.ok(`query($id: ID!) { integrationSystem(id: $id) { id } }`, { id: created.id });
    assert.equal(gone.integrationSystem, null);
  });

  test("unknown ids, well-formed or not: null from queries, NOT_FOUND from mutations", async () => {
    for (const id of ["3f1c2d8e-1111-4222-8333-944455556666", "not-a-uuid", "x".repeat(500)]) {
      const read = await app.ok(`query($id: ID!) { integrationSystem(id: $id) { id } }`, { id });
      assert.equal(read.integrationSystem, null);
      for (const mutation of [
        `mutation($id: ID!) { updateIntegrationSystem(id: $id, in: {name: "x"}) { id } }`,
        `mutation($id: ID!) { deleteIntegrationSystem(id: $id) { id } }`,
        `mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(id: $id) { id } }`,
        `mutation($id: ID!) { deleteSystemAuthForIntegrationSystem(id: $id) { id } }`,
      ]) {
        const response = await app.graphql(mutation, { id }, app.admin);
        const error = onlyError(response);
        assert.equal(error.extensions.code, "NOT_FOUND", mutation);
        assert.ok(error.message.length < 200, "the echoed id is truncated");
      }
    }
  });

  test("duplicate names ignoring case are a CONFLICT on in.name", async () => {
    await create("Duplicate Name");
    const error = onlyError(await app.graphql(CREATE, { in: { name: "DUPLICATE name" } }, app.admin));
    assert.equal(error.extensions.code, "CONFLICT");
    assert.equal(error.extensions.field, "in.name");
  });

  test("validation errors name the field and change nothing", async () => {
    const before = await app.db.integrationSystem.count();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "a".repeat(65) }, "in.name"],
      [{ name: "   " }, "in.name"],
      [{ name: "-leading" }, "in.name"],
      [{ name: "bad/char" }, "in.name"],
      [{ name: "ok", description: "d".repeat(2001) }, "in.description"],
    ];
    for (const [input, field] of cases) {
      const error = onlyError(await app.graphql(CREATE, { in: input }, app.admin));
      assert.equal(error.extensions.code, "BAD_USER_INPUT", JSON.stringify(input));
      assert.equal(error.extensions.field, field);
    }
    assert.equal(await create("a".repeat(64)).then((s) => s.name.length), 64);
    assert.equal(await create("Long description", "d".repeat(2000)).then((s) => s.description?.length), 2000);
    assert.equal(await app.db.integrationSystem.count(), before + 2);
  });
});

describe("client credentials", () => {
  test("the secret is returned once, then only its hint", async () => {
    const system = await create("Credential Holder");
    const generated = await app.ok(
      `mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(id: $id) {
        id type referenceObjectId ... on IntSysSystemAuth { secretHint } auth { credential { ... on OAuthCredentialData { clientId clientSecret url } } } } }`,
      { id: system.id },
    );
    const auth = generated.generateClientCredentialsForIntegrationSystem;
    const credential = auth.auth.credential;
    assert.equal(auth.id, credential.clientId, "SystemAuth.id is the client_id");
    assert.equal(auth.type, "INTEGRATION_SYSTEM");
    assert.equal(auth.referenceObjectId, system.id);
    assert.match(credential.clientSecret, /^cmp_cs_[A-Za-z0-9_-]{43}$/);
    assert.equal(credential.url, `${TEST_ORIGIN}/oauth2/token`);
    assert.equal(auth.secretHint, credential.clientSecret.slice(-4));

    const later = await app.ok(
      `query($id: ID!) { integrationSystem(id: $id) { auths { id secretHint auth { credential { ... on OAuthCredentialData { clientId clientSecret url } } } } } }`,
      { id: system.id },
    );
    assert.equal(later.integrationSystem.auths.length, 1);
    assert.equal(later.integrationSystem.auths[0].auth.credential.clientSecret, null);
    assert.equal(later.integrationSystem.auths[0].secretHint, auth.secretHint);

    const removed = await app.ok(`mutation($id: ID!) { deleteSystemAuthForIntegrationSystem(id: $id) { id referenceObjectId } }`, {
      id: auth.id,
    });
    assert.equal(removed.deleteSystemAuthForIntegrationSystem.id, auth.id);
    const after = await app.ok(`query($id: ID!) { integrationSystem(id: $id) { auths { id } } }`, { id: system.id });
    assert.deepEqual(after.integrationSystem.auths, []);
  });

  test("deleting a system deletes its credentials with it", async () => {
    const system = await create("Doomed System");
    for (let i = 0; i < 2; i++) {
      await app.ok(`mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(id: $id) { id } }`, { id: system.id });
    }
    const deleted = await app.ok(`mutation($id: ID!) { deleteIntegrationSystem(id: $id) { id auths { id } } }`, { id: system.id });
    assert.equal(deleted.deleteIntegrationSystem.auths.length, 2, "the response lists what went with it");
    assert.equal(await app.db.systemAuth.count({ where: { integrationSystemId: system.id } }), 0);
  });
});

describe("paging", () => {
  test("an empty list has empty cursors and no next page", async () => {
    await deleteAll();
    const data = await app.ok(PAGE, {});
    assert.deepEqual(data.integrationSystems, {
      data: [],
      pageInfo: { startCursor: "", endCursor: "", hasNextPage: false },
      totalCount: 0,
    });
  });

  test("first defaults to 100 and must be 1 to 200", async () => {
    await deleteAll();
    await app.db.integrationSystem.createMany({
      data: Array.from({ length: 205 }, (_, i) => ({
        id: `id-${String(i).padStart(4, "0")}`,
        name: `Bulk ${i}`,
        nameKey: `bulk ${i}`,
        nameSkeleton: `bulk ${i}`,
      })),
    });
    const page = await app.ok(PAGE, {});
    assert.equal(page.integrationSystems.data.length, 100);
    assert.equal(page.integrationSystems.totalCount, 205);
    assert.equal((await app.ok(PAGE, { first: 200 })).integrationSystems.data.length, 200);
    for (const first of [0, 201, -1]) {
      const error = onlyError(await app.graphql(PAGE, { first }, app.admin));
      assert.equal(error.extensions.code, "BAD_USER_INPUT");
      assert.equal(error.extensions.field, "first");
    }
  });

  test("the page holding the last row says hasNextPage: false", async () => {
    await deleteAll();
    for (const name of ["One", "Two", "Three", "Four"]) await create(name);
    const first = await app.ok(PAGE, { first: 2 });
    assert.equal(first.integrationSystems.pageInfo.hasNextPage, true);
    const second = await app.ok(PAGE, { first: 2, after: first.integrationSystems.pageInfo.endCursor });
    assert.deepEqual(
      second.integrationSystems.data.map((s: { name: string }) => s.name),
      ["Three", "Four"],
    );
    assert.equal(second.integrationSystems.pageInfo.hasNextPage, false);
  });

  test("search ignores case, counts only matches, and ordering works in both directions with cursors", async () => {
    await deleteAll();
    for (const name of ["alpha-Provider", "Beta provider", "gamma", "PROVIDER delta", "epsilon_provider"]) await create(name);
    const found = await app.ok(PAGE, { search: "PROVIDER", orderBy: { field: "NAME", direction: "ASC" }, first: 2 });
    assert.equal(found.integrationSystems.totalCount, 4);
    const names: string[] = found.integrationSystems.data.map((s: { name: string }) => s.name);
    let cursor = found.integrationSystems.pageInfo.endCursor;
    for (let pages = 0; ; pages++) {
      assert.ok(pages < 100, "the walk ends");
      const next = await app.ok(PAGE, { search: "provider", orderBy: { field: "NAME", direction: "ASC" }, first: 2, after: cursor });
      names.push(...next.integrationSystems.data.map((s: { name: string }) => s.name));
      if (!next.integrationSystems.pageInfo.hasNextPage) break;
      cursor = next.integrationSystems.pageInfo.endCursor;
    }
    assert.deepEqual(names, ["alpha-Provider", "Beta provider", "epsilon_provider", "PROVIDER delta"]);

    const newestFirst = await app.ok(PAGE, { orderBy: { field: "CREATED_AT", direction: "DESC" }, first: 3 });
    assert.deepEqual(
      newestFirst.integrationSystems.data.map((s: { name: string }) => s.name),
      ["epsilon_provider", "PROVIDER delta", "gamma"],
    );
    const rest = await app.ok(PAGE, {
      orderBy: { field: "CREATED_AT", direction: "DESC" },
      first: 3,
      after: newestFirst.integrationSystems.pageInfo.endCursor,
    });
    assert.deepEqual(
      rest.integrationSystems.data.map((s: { name: string }) => s.name),
      ["Beta provider", "alpha-Provider"],
    );

    const byNameDesc = await app.ok(PAGE, { orderBy: { field: "NAME", direction: "DESC" }, first: 10 });
    assert.deepEqual(
      byNameDesc.integrationSystems.data.map((s: { name: string }) => s.name),
      ["PROVIDER delta", "gamma", "epsilon_provider", "Beta provider", "alpha-Provider"],
    );
  });

  test('after: "" (the cursor of an empty page) starts from the beginning', async () => {
    const fromStart = await app.ok(PAGE, { first: 3 });
    const withEmpty = await app.ok(PAGE, { first: 3, after: "" });
    assert.deepEqual(withEmpty, fromStart);
  });

  test("malformed and foreign cursors are BAD_USER_INPUT", async () => {
    const byName = await app.ok(PAGE, { orderBy: { field: "NAME" }, first: 1 });
    const audit = await app.ok(`{ auditEvents(first: 1) { pageInfo { endCursor } } }`);
    for (const after of ["not a cursor!", "bm90LWpzb24", byName.integrationSystems.pageInfo.endCursor, audit.auditEvents.pageInfo.endCursor]) {
      const response = await app.graphql(PAGE, { after }, app.admin);
      const error = onlyError(response);
      assert.equal(error.extensions.code, "BAD_USER_INPUT", `cursor ${JSON.stringify(after)}`);
      assert.equal(error.extensions.field, "after");
    }
  });

  test("walking all pages while others insert and delete returns no row twice", async () => {
    await deleteAll();
    const original = [];
    for (let i = 0; i < 60; i++) original.push(await create(`Walk ${String(i).padStart(3, "0")}`));
    for (const orderBy of [
      { field: "CREATED_AT", direction: "ASC" },
      { field: "CREATED_AT", direction: "DESC" },
      { field: "NAME", direction: "ASC" },
      { field: "NAME", direction: "DESC" },
    ]) {
      const seen = new Set<string>();
      const deleted = new Set<string>();
      let after: string | undefined;
      let page = 0;
      do {
        const data = await app.ok(PAGE, { first: 7, after, orderBy });
        for (const row of data.integrationSystems.data as { id: string }[]) {
          assert.ok(!seen.has(row.id), `row ${row.id} returned twice (${JSON.stringify(orderBy)})`);
          seen.add(row.id);
        }
        // Between pages, someone else inserts two rows and deletes one not yet seen.
        await create(`Concurrent ${orderBy.field} ${orderBy.direction} ${page}a`);
        await create(`Concurrent ${orderBy.field} ${orderBy.direction} ${page}b`);
        const victim = original.find((s) => !seen.has(s.id) && !deleted.has(s.id));
        if (victim) {
          await app.ok(`mutation($id: ID!) { deleteIntegrationSystem(id: $id) { id } }`, { id: victim.id });
          deleted.add(victim.id);
        }
        after = data.integrationSystems.pageInfo.hasNextPage ? data.integrationSystems.pageInfo.endCursor : undefined;
        page++;
      } while (after && page < 100);
      assert.ok(page < 100, "the walk ends");
      for (const system of original) {
        if (!deleted.has(system.id)) assert.ok(seen.has(system.id), "every row present throughout is seen");
      }
      original.splice(0, original.length, ...original.filter((s) => !deleted.has(s.id)));
    }
  });
});
