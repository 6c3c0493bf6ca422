/**
 * Issue 25, item 4: certificate subject mappings. Compass's five example documents
 * (test/fixtures/compass/examples/*-certificate-subject-mapping*, verbatim) sent as its clients send
 * them, with the assertions of Compass's e2e tests (tests/director/tests/cert_subject_mapping_test.go,
 * pkg/assertions AssertCertificateSubjectMapping: the subject answered in sorted form, the other fields
 * as given; the list's total grows by the two created). Then what Compass Director adds: its validation
 * refusing with the field named and nothing written, one mapping per subject in any order, admins only,
 * audit, paging.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { CONSUMER_TYPES } from "@/lib/certificate-subject-rules";
import { createCertificateSubjectMapping, findMappingForSubject } from "@/domain/certificate-subject-mappings/certificate-subject-mapping.service";
import { exampleDocument } from "./compass-example-documents";
import { auditEventsOf, integrationSystemToken, onlyError, setupTestApp } from "./harness";

const app = await setupTestApp();
const COMPASS_ID = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";
const FIELDS = "id subject consumerType internalConsumerID tenantAccessLevels";

// Compass's certs.SortSubject of the examples' subjects: CN, the OUs in byte order, O, L, C.
const CREATED = {
  subject: `CN=E2E-test-compass, OU=E2E-Org-Unit, OU=TestRegion, OU=${COMPASS_ID}, O=E2E-Org, L=E2E-test, C=DE`,
  consumerType: "Integration System",
  internalConsumerID: COMPASS_ID,
  tenantAccessLevels: ["account", "global"],
};
const UPDATED = {
  subject: `CN=E2E-test-cmp-updated, OU=E2E-Org-Unit-updated, OU=TestRegion-updated, OU=${COMPASS_ID}, O=E2E-Org, L=E2E-test-updated, C=DE`,
  consumerType: "Runtime",
  internalConsumerID: COMPASS_ID,
  tenantAccessLevels: ["customer"],
};

const asAdmin = (query: string, variables?: Record<string, unknown>) => app.graphql(query, variables, app.admin);
async function okAsAdmin(query: string, variables?: Record<string, unknown>) {
  const answer = await asAdmin(query, variables);
  assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
  return answer.body.data as Record<string, any>;
}

/** Compass's AssertCertificateSubjectMapping, and require.NotEmpty on the id. */
function assertMapping(actual: any, expected: typeof CREATED) {
  assert.ok(actual.id);
  const { id: _id, ...fields } = actual;
  assert.deepEqual(fields, expected);
}

/** The create example as sent, then the mapping it made (the fixtures' CreateCertificateSubjectMapping). */
async function createFromExample() {
  return (await okAsAdmin(exampleDocument("create-certificate-subject-mapping"))).result;
}
const cleanUp = (id: string) => app.db.certificateSubjectMapping.deleteMany({ where: { id } });

test("create-certificate-subject-mapping: the subject comes back sorted, the rest as sent (TestCreateCertSubjectMapping)", async () => {
  const created = await createFromExample();
  assertMapping(created, CREATED);
  const row = await app.db.certificateSubjectMapping.findUniqueOrThrow({ where: { id: created.id } });
  assert.equal(row.subject, CREATED.subject);
  await cleanUp(created.id);
});

test("query-certificate-subject-mapping answers the mapping (TestQuerySingleCertSubjectMapping)", async () => {
  const created = await createFromExample();
  const data = await okAsAdmin(exampleDocument("query-certificate-subject-mapping", undefined, { [COMPASS_ID]: created.id }));
  assertMapping(data.result, CREATED);
  await cleanUp(created.id);
});

test("update-certificate-subject-mapping replaces every field (TestUpdateCertSubjectMapping)", async () => {
  const created = await createFromExample();
  // The document holds Compass's id three times: the mapping's, then the subject's OU and internalConsumerID, which stay.
  const data = await okAsAdmin(exampleDocument("update-certificate-subject-mapping", undefined, { [COMPASS_ID]: [created.id, COMPASS_ID, COMPASS_ID] }));
  assertMapping(data.result, UPDATED);
  const row = await app.db.certificateSubjectMapping.findUniqueOrThrow({ where: { id: created.id } });
  assert.equal(row.subject, UPDATED.subject);
  assert.equal(row.consumerType, "Runtime");
  await cleanUp(created.id);
});

test("delete-certificate-subject-mapping answers the deleted mapping and removes it (TestDeleteCertSubjectMapping)", async () => {
  const created = await createFromExample();
  const data = await okAsAdmin(exampleDocument("delete-certificate-subject-mapping", undefined, { [COMPASS_ID]: created.id }));
  assertMapping(data.result, CREATED);
  assert.equal(await app.db.certificateSubjectMapping.count({ where: { id: created.id } }), 0);
});

test("query-certificate-subject-mappings: the total grows by the two created (TestQueryCertSubjectMappings)", async () => {
  const list = exampleDocument("query-certificate-subject-mappings");
  const before = (await okAsAdmin(list)).result;
  const first = await createFromExample();
  const second = await createCertificateSubjectMapping(app.db, app.admin.principal, {
    subject:
      "C=DE, L=E2E-test-updated, O=E2E-Org, OU=TestRegion-updated, OU=E2E-Org-Unit-updated, OU=8e255922-6a2e-4677-a1a4-246ffcb391df, CN=E2E-test-cmp-updated",
    consumerType: "Runtime",
    internalConsumerID: "d5644469-7605-48a7-9f18-f5dee8805904",
    tenantAccessLevels: ["customer"],
  });
  const after = (await okAsAdmin(list)).result;
  assert.equal(after.totalCount, before.totalCount + 2);
  assert.deepEqual(
    after.data.slice(-2).map((mapping: { id: string }) => mapping.id),
    [first.id, second.id],
  );
  assert.deepEqual(after.pageInfo, { startCursor: "", endCursor: after.pageInfo.endCursor, hasNextPage: false });
  await cleanUp(first.id);
  await cleanUp(second.id);
});

const CREATE = `mutation($in: CertificateSubjectMappingInput!) { createCertificateSubjectMapping(in: $in) { ${FIELDS} } }`;
const VALID = { subject: "C=DE, L=Walldorf, O=Acme, OU=Unit, CN=valid", consumerType: "Integration System", tenantAccessLevels: ["account"] };

test("invalid input is BAD_USER_INPUT naming the field, and writes nothing", async () => {
  const cases: [Record<string, unknown>, string, RegExp][] = [
    [{ subject: "" }, "in.subject", /1 to 255/],
    [{ subject: `C=DE, L=W, O=A, OU=U, CN=${"x".repeat(250)}` }, "in.subject", /1 to 255/],
    [{ subject: "C=DE, L=W, O=A, CN=no-unit" }, "in.subject", /at least 5/],
    [{ subject: "C=DE, L=W, O=A, ST=BW, CN=no-unit" }, "in.subject", /Organizational Unit/],
    [{ subject: "L=W, O=A, OU=U, OU=V, CN=no-country" }, "in.subject", /Country/],
    [{ subject: "C=DE, O=A, OU=U, OU=V, CN=no-locality" }, "in.subject", /Locality/],
    [{ subject: "C=DE, L=W, OU=U, OU=V, CN=no-org" }, "in.subject", /Organization \(O\)/],
    [{ subject: "C=DE, L=W, O=A, OU=U, OU=V" }, "in.subject", /Common Name/],
    [{ subject: "C=DE, L=W, O=A, OU=U, X=1, CN=n" }, "in.subject", /unknown attribute X/],
    [{ subject: "C=DE, L=W, O=A, OU=U\\, V, CN=n" }, "in.subject", /escaped/],
    [{ subject: "C=DE, L=W, O=A, OU=U, just text, CN=n" }, "in.subject", /KEY=value/],
    [{ consumerType: "integration system" }, "in.consumerType", /not valid/],
    [{ consumerType: "" }, "in.consumerType", /1 to 255/],
    [{ internalConsumerID: "" }, "in.internalConsumerID", /1 to 255/],
    [{ internalConsumerID: "i".repeat(256) }, "in.internalConsumerID", /1 to 255/],
    [{ tenantAccessLevels: [] }, "in.tenantAccessLevels", /at least one/],
    [{ tenantAccessLevels: ["account", "unknown"] }, "in.tenantAccessLevels", /"unknown" is not valid/],
    [{ tenantAccessLevels: ["Account"] }, "in.tenantAccessLevels", /not valid/],
  ];
  const before = await app.db.certificateSubjectMapping.count();
  for (const [change, field, message] of cases) {
    const error = onlyError(await asAdmin(CREATE, { in: { ...VALID, ...change } }));
    assert.equal(error.extensions.code, "BAD_USER_INPUT", `${JSON.stringify(change)}: ${error.message}`);
    assert.equal(error.extensions.field, field, JSON.stringify(change));
    assert.match(error.message, message, JSON.stringify(change));
  }
  assert.equal(await app.db.certificateSubjectMapping.count(), before);
});

test("every consumer type and access level Compass accepts is accepted; ST is taken and dropped from the sorted form", async () => {
  const created = await okAsAdmin(CREATE, {
    in: {
      subject: "ST=Baden-Wuerttemberg, CN=every, OU=b, OU=A, O=Acme, L=Walldorf, C=DE",
      consumerType: "Managed Application Provider Operator",
      tenantAccessLevels: ["customer", "account", "subaccount", "organization", "folder", "resource-group", "cost-object", "global"],
    },
  });
  assert.equal(created.createCertificateSubjectMapping.subject, "CN=every, OU=A, OU=b, O=Acme, L=Walldorf, C=DE");
  assert.equal(created.createCertificateSubjectMapping.internalConsumerID, null);
  await cleanUp(created.createCertificateSubjectMapping.id);
  for (const [index, consumerType] of CONSUMER_TYPES.entries()) {
    const mapping = (await okAsAdmin(CREATE, { in: { ...VALID, subject: `C=DE, L=W, O=A, OU=U, CN=type-${index}`, consumerType } }))
      .createCertificateSubjectMapping;
    assert.equal(mapping.consumerType, consumerType);
    await cleanUp(mapping.id);
  }
});

test("one mapping per subject, whatever the order of its attributes: CONFLICT on create and update", async () => {
  const first = await okAsAdmin(CREATE, { in: { ...VALID, subject: "C=DE, L=W, O=A, OU=x, OU=y, CN=same" } });
  const again = onlyError(await asAdmin(CREATE, { in: { ...VALID, subject: "CN=same, OU=y, OU=x, O=A, L=W, C=DE" } }));
  assert.equal(again.extensions.code, "CONFLICT");
  assert.equal(again.extensions.field, "in.subject");
  const other = await okAsAdmin(CREATE, { in: { ...VALID, subject: "C=DE, L=W, O=A, OU=x, CN=other" } });
  const update = onlyError(
    await asAdmin(`mutation($id: ID!, $in: CertificateSubjectMappingInput!) { updateCertificateSubjectMapping(id: $id, in: $in) { id } }`, {
      id: other.createCertificateSubjectMapping.id,
      in: { ...VALID, subject: "OU=x, OU=y, C=DE, L=W, O=A, CN=same" },
    }),
  );
  assert.equal(update.extensions.code, "CONFLICT");
  // A certificate's subject finds its mapping in any order.
  const found = await findMappingForSubject(app.db, "O=A, OU=y, CN=same, C=DE, L=W, OU=x");
  assert.equal(found?.id, first.createCertificateSubjectMapping.id);
  assert.equal(await findMappingForSubject(app.db, "CN=nobody"), null);
  await cleanUp(first.createCertificateSubjectMapping.id);
  await cleanUp(other.createCertificateSubjectMapping.id);
});

test("unknown ids: NOT_FOUND from the query (Compass types it non-null) and from update and delete", async () => {
  for (const [query, variables] of [
    [`query($id: ID!) { certificateSubjectMapping(id: $id) { id } }`, { id: COMPASS_ID }],
    [`mutation($id: ID!, $in: CertificateSubjectMappingInput!) { updateCertificateSubjectMapping(id: $id, in: $in) { id } }`, { id: COMPASS_ID, in: VALID }],
    [`mutation($id: ID!) { deleteCertificateSubjectMapping(id: $id) { id } }`, { id: COMPASS_ID }],
  ] as const) {
    assert.equal(onlyError(await asAdmin(query, variables)).extensions.code, "NOT_FOUND", query);
  }
});

test("admins only: viewers and integration systems are refused every operation, and nothing changes", async () => {
  const { token } = await integrationSystemToken(app, "csm-outsider");
  const mapping = await createCertificateSubjectMapping(app.db, app.admin.principal, { ...VALID, subject: "C=DE, L=W, O=A, OU=U, CN=guarded" });
  const before = await app.db.certificateSubjectMapping.findMany({ orderBy: { id: "asc" } });
  for (const as of [app.viewer, { token }]) {
    for (const [query, variables] of [
      [`{ certificateSubjectMappings { totalCount } }`, {}],
      [`query($id: ID!) { certificateSubjectMapping(id: $id) { id } }`, { id: mapping.id }],
      [CREATE, { in: { ...VALID, subject: "C=DE, L=W, O=A, OU=U, CN=intruder" } }],
      [`mutation($id: ID!) { deleteCertificateSubjectMapping(id: $id) { id } }`, { id: mapping.id }],
    ] as const) {
      assert.equal(onlyError(await app.graphql(query, variables, as)).extensions.code, "FORBIDDEN", query);
    }
  }
  assert.deepEqual(await app.db.certificateSubjectMapping.findMany({ orderBy: { id: "asc" } }), before);
  await cleanUp(mapping.id);
});

test("each change is audited with its fields, in the same transaction", async () => {
  const { result: created, events } = await auditEventsOf(app.db, () =>
    createCertificateSubjectMapping(app.db, app.admin.principal, { ...VALID, subject: "C=DE, L=W, O=A, OU=U, CN=audited", internalConsumerID: "ic-1" }),
  );
  assert.deepEqual(
    events.map((event) => [event.action, event.objectId, event.objectLabel]),
    [["CERTIFICATE_SUBJECT_MAPPING_CREATED", created.id, "CN=audited, OU=U, O=A, L=W, C=DE"]],
  );
  assert.deepEqual(JSON.parse(events[0].details!), {
    subject: "CN=audited, OU=U, O=A, L=W, C=DE",
    consumerType: "Integration System",
    internalConsumerID: "ic-1",
    tenantAccessLevels: ["account"],
  });
  const updated = await auditEventsOf(app.db, () =>
    okAsAdmin(`mutation($id: ID!, $in: CertificateSubjectMappingInput!) { updateCertificateSubjectMapping(id: $id, in: $in) { id } }`, {
      id: created.id,
      in: { ...VALID, subject: "C=DE, L=W, O=A, OU=U, CN=audited", consumerType: "Runtime" },
    }),
  );
  assert.deepEqual(
    updated.events.map((event) => event.action),
    ["CERTIFICATE_SUBJECT_MAPPING_UPDATED"],
  );
  assert.equal(JSON.parse(updated.events[0].details!).before.consumerType, "Integration System");
  assert.equal(JSON.parse(updated.events[0].details!).after.consumerType, "Runtime");
  const deleted = await auditEventsOf(app.db, () => okAsAdmin(`mutation($id: ID!) { deleteCertificateSubjectMapping(id: $id) { id } }`, { id: created.id }));
  assert.deepEqual(
    deleted.events.map((event) => event.action),
    ["CERTIFICATE_SUBJECT_MAPPING_DELETED"],
  );
});

test("pages: walked one by one, every mapping once, in creation order; a foreign cursor is BAD_USER_INPUT on after", async () => {
  const made: { id: string }[] = [];
  for (let i = 0; i < 5; i++) {
    made.push(await createCertificateSubjectMapping(app.db, app.admin.principal, { ...VALID, subject: `C=DE, L=W, O=A, OU=U, CN=page-${i}` }));
  }
  const seen: string[] = [];
  let after = "";
  for (;;) {
    const page = (
      await okAsAdmin(`query($after: PageCursor) { certificateSubjectMappings(first: 2, after: $after) { data { id } pageInfo { endCursor hasNextPage } } }`, {
        after,
      })
    ).certificateSubjectMappings;
    seen.push(...page.data.map((row: { id: string }) => row.id));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  assert.deepEqual(
    seen.filter((id) => made.some((mapping) => mapping.id === id)),
    made.map((mapping) => mapping.id),
  );
  assert.equal(new Set(seen).size, seen.length);
  const foreign = (await okAsAdmin(`{ integrationSystems(first: 1) { pageInfo { endCursor } } }`)).integrationSystems.pageInfo.endCursor;
  const error = onlyError(await asAdmin(`query($after: PageCursor) { certificateSubjectMappings(after: $after) { totalCount } }`, { after: foreign || "x" }));
  assert.equal(error.extensions.code, "BAD_USER_INPUT");
  assert.equal(error.extensions.field, "after");
  const tooMany = onlyError(await asAdmin(`{ certificateSubjectMappings(first: 201) { totalCount } }`));
  assert.equal(tooMany.extensions.field, "first");
});
