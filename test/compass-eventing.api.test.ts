/**
 * Compass's default eventing for applications: its two example documents
 * (set-, delete-default-eventing-for-application) sent verbatim but for the
 * ids, checked as Compass's e2e tests check them
 * (tests/director/tests/eventing_test.go), and its four other cases; then
 * what this product adds: refusals with their code and field, the oldest
 * runtime picked and the chosen one kept only while it shares a scenario,
 * the choice removed with either object, tenants apart, audit, and a page of
 * applications answering in the statements one application costs. Runs on
 * SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { setTimeout as delay } from "node:timers/promises";
import { describe, test } from "node:test";
import type { Tenant } from "@/generated/prisma-sqlite/client";
import { createTenant, deleteTenant } from "@/domain/tenants/tenant.service";
import { registerApplication, unregisterApplication } from "@/domain/applications/application.service";
import { registerRuntime } from "@/domain/runtimes/runtime.service";
import { RUNTIME } from "@/domain/tenant-objects/kinds/runtime";
import { unregisterObject } from "@/domain/tenant-objects/tenant-object.service";
import { setLabel } from "@/domain/labels/label.service";
import { normalizedApplicationName } from "@/domain/eventing/eventing.service";
import { exampleDocument } from "./compass-example-documents";
import { requestObjectCredentials } from "@/domain/credentials/object-credentials.service";
import { issueAccessToken } from "@/oauth2/grants/client-credentials";
import { TEST_ORIGIN, auditEventsOf, onlyError, recordSecret, setupTestApp } from "./harness";
import { isCallerResolution, statementsOf } from "./statements";

const app = await setupTestApp();
const admin = app.admin.principal;
const COMPASS_ID = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";
// Compass's e2e constants (eventing_test.go).
const URL_LABEL = "runtime_eventServiceUrl";
const runtimeURL = (host: string) => `https://${host}`;
const appURL = (host: string, name: string) => `https://${host}/${name}/v1/events`;
const APP_NAME = "app-test-eventing";
const SCENARIO = "test-scenario";

let tenants = 0;
const newTenant = () => createTenant(app.db, admin, { externalId: `eventing-${++tenants}`, name: `Eventing ${tenants}` });

const call = (query: string, tenant: Tenant, variables?: Record<string, unknown>) =>
  app.graphql(query, variables, { token: app.admin.token, headers: { tenant: tenant.externalId } });
async function ok(query: string, tenant: Tenant, variables?: Record<string, unknown>) {
  const answer = await call(query, tenant, variables);
  assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
  return answer.body.data as Record<string, any>;
}
async function refused(query: string, tenant: Tenant, code: string, field?: string) {
  const error = onlyError(await call(query, tenant));
  assert.equal(error.extensions.code, code, error.message);
  assert.equal(error.extensions.field, field, error.message);
  return error;
}

const label = (tenant: Tenant, type: "APPLICATION" | "RUNTIME", id: string, key: string, value: unknown) =>
  setLabel(app.db, admin, { tenantId: tenant.id, type, id }, key, value);

/** An application in `scenarios` (none: in no scenario). */
async function newApp(tenant: Tenant, name = APP_NAME, scenarios: string[] = [SCENARIO]) {
  const application = await registerApplication(app.db, admin, tenant, { name });
  if (scenarios.length) await label(tenant, "APPLICATION", application.id, "scenarios", scenarios);
  return application;
}

/** A runtime with its eventing URL and, when given, Compass's isNormalized label; a few ms after the last, so "oldest" is certain. */
async function newRuntime(tenant: Tenant, name: string, labels: Record<string, unknown>, scenarios: string[] = [SCENARIO]) {
  await delay(3);
  const runtime = await registerRuntime(app.db, admin, tenant, { name });
  if (scenarios.length) await label(tenant, "RUNTIME", runtime.id, "scenarios", scenarios);
  for (const [key, value] of Object.entries(labels)) await label(tenant, "RUNTIME", runtime.id, key, value);
  return runtime;
}

const APP_EVENTING = `query($id: ID!) { application(id: $id) { eventingConfiguration { defaultURL } } }`;
const eventingOf = async (tenant: Tenant, id: string) => (await ok(APP_EVENTING, tenant, { id })).application.eventingConfiguration.defaultURL;
const SET = (appID: string, runtimeID: string) => `mutation { setDefaultEventingForApplication(appID: "${appID}", runtimeID: "${runtimeID}") { defaultURL } }`;

describe("Compass's e2e cases (eventing_test.go)", () => {
  test("no default chosen: the oldest runtime in the application's scenarios (…DefaultBehaviourWhenNoEventingAssigned)", async () => {
    const tenant = await newTenant();
    const application = await newApp(tenant);
    await newRuntime(tenant, "runtime-1-eventing", { [URL_LABEL]: runtimeURL("eventing.runtime1.local"), isNormalized: "false" });
    await newRuntime(tenant, "runtime-2-eventing", { [URL_LABEL]: "https://eventing.runtime2.local" });
    assert.equal(await eventingOf(tenant, application.id), appURL("eventing.runtime1.local", APP_NAME));
  });

  test("a runtime's eventing configuration is its runtime_eventServiceUrl label (TestGetEventingConfigurationForRuntime)", async () => {
    const tenant = await newTenant();
    const runtime = await newRuntime(tenant, "runtime-eventing", { [URL_LABEL]: "http://eventing.runtime.local" }, []);
    const data = await ok(`query($id: ID!) { runtime(id: $id) { eventingConfiguration { defaultURL } } }`, tenant, { id: runtime.id });
    assert.equal(data.runtime.eventingConfiguration.defaultURL, "http://eventing.runtime.local");
  });

  test("Compass's set-default-eventing-for-application document, verbatim but for the ids (TestSetDefaultEventingForApplication)", async () => {
    const tenant = await newTenant();
    const application = await newApp(tenant);
    await newRuntime(tenant, "runtime-1-eventing", { [URL_LABEL]: runtimeURL("eventing.runtime1.local"), isNormalized: "false" });
    const runtime2 = await newRuntime(tenant, "runtime-2-eventing", { [URL_LABEL]: runtimeURL("eventing.runtime2.local"), isNormalized: "true" });
    assert.equal(await eventingOf(tenant, application.id), appURL("eventing.runtime1.local", APP_NAME));

    // Both ids are Compass's one placeholder: runtimeID first, then appID.
    const document = exampleDocument("eventing", "set-default-eventing-for-application.graphql", { [COMPASS_ID]: [runtime2.id, application.id] });
    const data = await ok(document, tenant);
    const normalized = normalizedApplicationName(APP_NAME);
    assert.equal(normalized, "mp-app-test-eventing");
    assert.equal(data.result.defaultURL, appURL("eventing.runtime2.local", normalized));
    assert.equal(await eventingOf(tenant, application.id), appURL("eventing.runtime2.local", normalized));
  });

  test("an application in no scenario has no eventing URL (TestEmptyEventConfigurationForApp)", async () => {
    const tenant = await newTenant();
    const application = await newApp(tenant, APP_NAME, []);
    await newRuntime(tenant, "runtime-1-eventing", {}, []);
    assert.equal(await eventingOf(tenant, application.id), "");
  });

  test("Compass's delete-default-eventing-for-application document, verbatim but for the id (TestDeleteDefaultEventingForApplication)", async () => {
    const tenant = await newTenant();
    const application = await newApp(tenant);
    await newRuntime(tenant, "runtime-1-eventing", { [URL_LABEL]: runtimeURL("eventing.runtime1.local"), isNormalized: "false" });
    const runtime2 = await newRuntime(tenant, "runtime-2-eventing", { [URL_LABEL]: runtimeURL("eventing.runtime2.local"), isNormalized: "false" });
    assert.equal(await eventingOf(tenant, application.id), appURL("eventing.runtime1.local", APP_NAME));
    await ok(SET(application.id, runtime2.id), tenant);
    assert.equal(await eventingOf(tenant, application.id), appURL("eventing.runtime2.local", APP_NAME));

    const data = await ok(exampleDocument("eventing", "delete-default-eventing-for-application.graphql", { [COMPASS_ID]: application.id }), tenant);
    assert.equal(data.result.defaultURL, appURL("eventing.runtime2.local", APP_NAME));
    assert.equal(await eventingOf(tenant, application.id), appURL("eventing.runtime1.local", APP_NAME));
  });
});

describe("what Compass Director adds", () => {
  test("a runtime outside the application's scenarios is BAD_USER_INPUT on runtimeID; unknown ids are NOT_FOUND; nothing is written", async () => {
    const tenant = await newTenant();
    const application = await newApp(tenant);
    const elsewhere = await newRuntime(tenant, "elsewhere", { [URL_LABEL]: runtimeURL("elsewhere.local") }, ["other-scenario"]);
    const nowhere = await newRuntime(tenant, "nowhere", { [URL_LABEL]: runtimeURL("nowhere.local") }, []);
    const lonely = await newApp(tenant, "lonely", []);
    const before = await app.db.defaultEventing.count();
    for (const [appId, runtimeId] of [
      [application.id, elsewhere.id],
      [application.id, nowhere.id],
      [lonely.id, elsewhere.id],
    ]) {
      const error = await refused(SET(appId, runtimeId), tenant, "BAD_USER_INPUT", "runtimeID");
      assert.match(error.message, /is not assigned to the scenarios of application/);
    }
    await refused(SET(application.id, "00000000-0000-0000-0000-000000000000"), tenant, "NOT_FOUND", "runtimeID");
    await refused(SET("00000000-0000-0000-0000-000000000000", elsewhere.id), tenant, "NOT_FOUND");
    await refused(`mutation { deleteDefaultEventingForApplication(appID: "nope") { defaultURL } }`, tenant, "NOT_FOUND");
    // Hostile ids are unknown ids, not errors of the database.
    await refused(SET(application.id, "x\\u0000y"), tenant, "BAD_USER_INPUT", "runtimeID");
    assert.equal(await app.db.defaultEventing.count(), before);
    assert.equal(await eventingOf(tenant, application.id), "");
  });

  test("the chosen runtime counts only while it shares a scenario; then the oldest that does answers", async () => {
    const tenant = await newTenant();
    const application = await newApp(tenant, "Orders Ünïcode app", [SCENARIO, "second"]);
    const oldest = await newRuntime(tenant, "oldest", { [URL_LABEL]: "https://old.local:8443/ignored/path?tenant=a#frag" }, ["second"]);
    const chosen = await newRuntime(tenant, "chosen", { [URL_LABEL]: runtimeURL("chosen.local") });
    const name = normalizedApplicationName("Orders Ünïcode app");
    assert.equal(name, "mp-orders-n-code-app");
    // The path is replaced; port, query and fragment stay, as Go's url.URL keeps them.
    assert.equal(await eventingOf(tenant, application.id), `https://old.local:8443/${name}/v1/events?tenant=a#frag`);
    await ok(SET(application.id, chosen.id), tenant);
    assert.equal(await eventingOf(tenant, application.id), appURL("chosen.local", name));
    await label(tenant, "RUNTIME", chosen.id, "scenarios", ["elsewhere"]);
    assert.equal(await eventingOf(tenant, application.id), `https://old.local:8443/${name}/v1/events?tenant=a#frag`);
    await label(tenant, "RUNTIME", chosen.id, "scenarios", [SCENARIO]);
    assert.equal(await eventingOf(tenant, application.id), appURL("chosen.local", name));
    // A runtime URL without a host is answered as it is (Compass's NewApplicationEventingConfiguration).
    await label(tenant, "RUNTIME", chosen.id, URL_LABEL, "events.local/no-scheme");
    assert.equal(await eventingOf(tenant, application.id), "events.local/no-scheme");
    // A label that is not a string is no URL.
    await label(tenant, "RUNTIME", chosen.id, URL_LABEL, { url: "https://x" });
    assert.equal(await eventingOf(tenant, application.id), "");
    // The oldest runtime without a URL label answers "" rather than passing to the next.
    await ok(`mutation { deleteDefaultEventingForApplication(appID: "${application.id}") { defaultURL } }`, tenant);
    await app.db.label.deleteMany({ where: { objectId: oldest.id, key: URL_LABEL } });
    assert.equal(await eventingOf(tenant, application.id), "");
  });

  test("the query adds the system number as Compass's does; the mutations do not", async () => {
    const tenant = await newTenant();
    const application = await newApp(tenant);
    await app.db.application.update({ where: { id: application.id }, data: { systemNumber: "42" } });
    const runtime = await newRuntime(tenant, "runtime", { [URL_LABEL]: runtimeURL("events.local") });
    assert.equal(
      (await ok(SET(application.id, runtime.id), tenant)).setDefaultEventingForApplication.defaultURL,
      appURL("events.local", "mp-app-test-eventing"),
    );
    assert.equal(await eventingOf(tenant, application.id), appURL("events.local", "mp-app-test-eventing-42"));
  });

  test("setting and deleting are audited; a delete with nothing chosen writes nothing", async () => {
    const tenant = await newTenant();
    const application = await newApp(tenant);
    const runtime = await newRuntime(tenant, "runtime", { [URL_LABEL]: runtimeURL("events.local") });
    const { events: set } = await auditEventsOf(app.db, () => ok(SET(application.id, runtime.id), tenant));
    assert.deepEqual(
      set.map((event) => [event.action, event.objectId]),
      [["APPLICATION_DEFAULT_EVENTING_SET", application.id]],
    );
    const DELETE = `mutation { deleteDefaultEventingForApplication(appID: "${application.id}") { defaultURL } }`;
    const { events: deleted } = await auditEventsOf(app.db, () => ok(DELETE, tenant));
    assert.deepEqual(
      deleted.map((event) => event.action),
      ["APPLICATION_DEFAULT_EVENTING_DELETED"],
    );
    const { events: none, result } = await auditEventsOf(app.db, () => ok(DELETE, tenant));
    assert.deepEqual(none, []);
    // Nothing chosen: the oldest in its scenarios was in effect, and is answered.
    assert.equal(result.deleteDefaultEventingForApplication.defaultURL, appURL("events.local", "mp-app-test-eventing"));
  });

  test("a burst of choices for one application leaves one, the last committed; a burst across applications leaves one each", async () => {
    const tenant = await newTenant();
    const application = await newApp(tenant);
    const runtimes: { id: string }[] = [];
    for (let i = 0; i < 5; i++) runtimes.push(await newRuntime(tenant, `burst-${i}`, { [URL_LABEL]: runtimeURL(`b${i}.local`) }));
    const answers = await Promise.all(runtimes.map((runtime) => call(SET(application.id, runtime.id), tenant)));
    for (const answer of answers) assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
    const rows = await app.db.defaultEventing.findMany({ where: { applicationId: application.id } });
    assert.equal(rows.length, 1);
    const chosen = runtimes.findIndex((runtime) => runtime.id === rows[0].runtimeId);
    assert.equal(await eventingOf(tenant, application.id), appURL(`b${chosen}.local`, "mp-app-test-eventing"));

    const apps = [];
    for (let i = 0; i < 6; i++) apps.push(await newApp(tenant, `burst-app-${i}`));
    await Promise.all(apps.map((each, i) => ok(SET(each.id, runtimes[i % 5].id), tenant)));
    assert.equal(await app.db.defaultEventing.count({ where: { applicationId: { in: apps.map((each) => each.id) } } }), 6);
  });

  test("an application reads where its own events go with its own token, as Compass's clients do; it may not choose", async () => {
    const tenant = await newTenant();
    const application = await newApp(tenant);
    const runtime = await newRuntime(tenant, "runtime", { [URL_LABEL]: runtimeURL("events.local") });
    const credential = await requestObjectCredentials(app.db, admin, tenant, "APPLICATION", application.id);
    recordSecret(credential.clientSecret);
    const client = await app.instance.oauth2.clients.find(credential.id);
    assert.ok(client);
    const { access_token: token } = await issueAccessToken(app.instance.oauth2, client, [...client.scopes], TEST_ORIGIN);
    recordSecret(token);
    const asItself = (query: string, variables?: Record<string, unknown>) => app.graphql(query, variables, { token });
    const read = await asItself(APP_EVENTING, { id: application.id });
    assert.equal(read.body.errors, undefined, JSON.stringify(read.body.errors));
    assert.equal(read.body.data!.application.eventingConfiguration.defaultURL, appURL("events.local", "mp-app-test-eventing"));
    assert.equal(onlyError(await asItself(SET(application.id, runtime.id))).extensions.code, "FORBIDDEN");
  });

  test("the choice goes with the runtime, the application or the tenant", async () => {
    const tenant = await newTenant();
    const application = await newApp(tenant);
    const runtime = await newRuntime(tenant, "runtime", { [URL_LABEL]: runtimeURL("events.local") });
    await ok(SET(application.id, runtime.id), tenant);
    await unregisterObject(RUNTIME, app.db, admin, tenant, runtime.id);
    assert.equal(await app.db.defaultEventing.count({ where: { applicationId: application.id } }), 0);
    assert.equal(await eventingOf(tenant, application.id), "");

    const again = await newRuntime(tenant, "again", { [URL_LABEL]: runtimeURL("again.local") });
    await ok(SET(application.id, again.id), tenant);
    await label(tenant, "APPLICATION", application.id, "scenarios", ["elsewhere"]);
    await app.db.label.deleteMany({ where: { objectId: application.id, key: "scenarios" } });
    await unregisterApplication(app.db, admin, tenant, application.id);
    assert.equal(await app.db.defaultEventing.count({ where: { runtimeId: again.id } }), 0);

    const kept = await newApp(tenant, "kept");
    await ok(SET(kept.id, again.id), tenant);
    await deleteTenant(app.db, admin, tenant.id, true);
    assert.equal(await app.db.defaultEventing.count({ where: { applicationId: kept.id } }), 0);
  });

  test("tenants apart: another tenant's runtime is unknown, and so is another tenant's application", async () => {
    const tenant = await newTenant();
    const other = await newTenant();
    const application = await newApp(tenant);
    const foreign = await newRuntime(other, "foreign", { [URL_LABEL]: runtimeURL("foreign.local") });
    const foreignApp = await newApp(other);
    await newRuntime(tenant, "own", { [URL_LABEL]: runtimeURL("own.local") });
    await refused(SET(application.id, foreign.id), tenant, "NOT_FOUND", "runtimeID");
    await refused(SET(foreignApp.id, foreign.id), tenant, "NOT_FOUND");
    // The same scenario name in two tenants is two scenarios: each application sees its own tenant's runtime.
    assert.equal(await eventingOf(tenant, application.id), appURL("own.local", "mp-app-test-eventing"));
    assert.equal(await eventingOf(other, foreignApp.id), appURL("foreign.local", "mp-app-test-eventing"));
  });

  test("a page of applications answers in the statements a page of one does, each as it answers alone", async () => {
    const tenant = await newTenant();
    const runtimes: { id: string }[] = [];
    for (let i = 0; i < 3; i++) runtimes.push(await newRuntime(tenant, `runtime-${i}`, { [URL_LABEL]: runtimeURL(`r${i}.local`) }, [`s${i}`]));
    for (let i = 0; i < 7; i++) {
      const application = await newApp(tenant, `app-${i}`, i === 6 ? [] : i === 4 ? ["s1", "s2"] : [`s${i % 3}`, "unused"]);
      // One chosen runtime in the page, not the oldest it shares.
      if (i === 4) await ok(SET(application.id, runtimes[2].id), tenant);
    }
    const listed = (first: number) => `{ applications(first: ${first}) { data { id eventingConfiguration { defaultURL } } } }`;
    // What the page costs, not who is calling (isCallerResolution: cached, so it lands by the clock).
    const readsOf = async (fn: () => Promise<unknown>) =>
      (await statementsOf(fn)).filter((statement) => /^\s*SELECT/i.test(statement.sql) && !isCallerResolution(statement.sql));
    const one = await readsOf(() => ok(listed(1), tenant));
    let page: Record<string, any> = {};
    const many = await readsOf(async () => {
      page = await ok(listed(7), tenant);
    });
    console.log(`default eventing: a page of 1 application ran ${one.length} reads, a page of 7 ${many.length}`);
    assert.equal(many.length, one.length, many.map((statement) => statement.sql).join("\n"));
    const answers = page.applications.data.map((row: any) => row.eventingConfiguration.defaultURL);
    assert.deepEqual(answers, [
      appURL("r0.local", "mp-app-0"),
      appURL("r1.local", "mp-app-1"),
      appURL("r2.local", "mp-app-2"),
      appURL("r0.local", "mp-app-3"),
      appURL("r2.local", "mp-app-4"),
      appURL("r2.local", "mp-app-5"),
      "",
    ]);
    for (const row of page.applications.data) assert.equal(await eventingOf(tenant, row.id), row.eventingConfiguration.defaultURL);
  });
});
