/**
 * Kyma Compass's get-operation-by-id and schedule-operation documents
 * (test/fixtures/compass/examples, verbatim but for the operation's id), as
 * tests/director/tests/operations_test.go sends them: an application
 * registered with an OPEN_RESOURCE_DISCOVERY webhook gets one ORD_AGGREGATION
 * operation, read and rescheduled without a tenant. Nothing runs it here
 * (decision 0036). Runs on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createTenant, deleteTenant } from "@/domain/tenants/tenant.service";
import { exampleDocument } from "./compass-example-documents";
import { setupTestApp } from "./harness";

const app = await setupTestApp();
const ID = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";
const tenant = await createTenant(app.db, app.admin.principal, { externalId: "operations-tenant", name: "Operations" });

type Body = { data?: any; errors?: { message: string; extensions: Record<string, any> }[] };
const as = async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}, token = app.admin.token) =>
  (await app.graphql(query, variables, { token, headers })).body as Body;
async function ok(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}, token = app.admin.token) {
  const body = await as(query, variables, headers, token);
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

const REGISTER = `mutation($in: ApplicationRegisterInput!) { registerApplication(in: $in) { id } }`;

test("TestOperation and TestOperationSchedule: an ORD webhook schedules one ORD_AGGREGATION operation; get-operation-by-id reads it, schedule-operation reschedules it", async () => {
  const { registerApplication } = await ok(
    REGISTER,
    { in: { name: "ord-app", webhooks: [{ type: "OPEN_RESOURCE_DISCOVERY", url: "https://ord.example.com/.well-known/open-resource-discovery" }] } },
    { tenant: tenant.externalId },
  );
  const operations = await app.db.scheduledOperation.findMany({ where: { resourceId: registerApplication.id } });
  assert.equal(operations.length, 1);
  // Compass's TestOperation reads it from the registered application.
  const fromApp = await ok(
    `query($id: ID!) { application(id: $id) { operations { id operationType } } }`,
    { id: registerApplication.id },
    { tenant: tenant.externalId },
  );
  assert.deepEqual(fromApp.application.operations, [{ id: operations[0].id, operationType: "ORD_AGGREGATION" }]);
  const read = (await ok(exampleDocument("get-operation-by-id", undefined, { [ID]: operations[0].id }), {}, {}, app.viewer.token)).result;
  assert.deepEqual(
    { ...read, createdAt: undefined, updatedAt: undefined },
    {
      id: operations[0].id,
      operationType: "ORD_AGGREGATION",
      status: "SCHEDULED",
      error: null,
      createdAt: undefined,
      updatedAt: undefined,
    },
  );
  await app.db.scheduledOperation.update({ where: { id: operations[0].id }, data: { status: "FAILED", error: "fetch failed" } });
  const scheduled = (await ok(exampleDocument("schedule-operation", undefined, { [ID]: operations[0].id }))).result;
  assert.equal(scheduled.status, "SCHEDULED");
  assert.equal(scheduled.error, null);
  assert.equal((await app.db.scheduledOperation.findUniqueOrThrow({ where: { id: operations[0].id } })).priority, 1);

  // In progress: CONFLICT; a viewer may not schedule; an unknown id is NOT_FOUND, and null to read.
  await app.db.scheduledOperation.update({ where: { id: operations[0].id }, data: { status: "IN_PROGRESS" } });
  assert.equal((await as(exampleDocument("schedule-operation", undefined, { [ID]: operations[0].id }))).errors?.[0].extensions.code, "CONFLICT");
  assert.equal(
    (await as(exampleDocument("schedule-operation", undefined, { [ID]: operations[0].id }), {}, {}, app.viewer.token)).errors?.[0].extensions.code,
    "FORBIDDEN",
  );
  assert.equal((await as(exampleDocument("schedule-operation", undefined, { [ID]: ID }))).errors?.[0].extensions.code, "NOT_FOUND");
  assert.equal((await ok(exampleDocument("get-operation-by-id"))).result, null);

  // An application without an ORD webhook gets none; the operation goes with its application's tenant.
  const plain = (await ok(REGISTER, { in: { name: "plain-app" } }, { tenant: tenant.externalId })).registerApplication;
  assert.equal(await app.db.scheduledOperation.count({ where: { resourceId: plain.id } }), 0);
  await deleteTenant(app.db, app.admin.principal, tenant.id, true);
  assert.equal(await app.db.scheduledOperation.count({ where: { resourceId: registerApplication.id } }), 0);
});
