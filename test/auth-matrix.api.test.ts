/**
 * Who may call what (docs/design.md, "Who may call what"): the authorization
 * matrix over every query and mutation, for every role and way of signing in,
 * the GraphiQL gate and introspection. Field resolvers that check rights of
 * their own have their matrix in test/security/authz-field-resolvers.test.ts.
 */
import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { test } from "node:test";
import { registerApplication } from "@/domain/applications/application.service";
import { registerRuntime } from "@/domain/runtimes/runtime.service";
import { RUNTIME_CONTEXT } from "@/domain/tenant-objects/kinds/runtime-context";
import { registerObject } from "@/domain/tenant-objects/tenant-object.service";
import { BUNDLE } from "@/domain/tenant-objects/kinds/bundle";
import { API_DEFINITION } from "@/domain/tenant-objects/kinds/api-definition";
import { EVENT_DEFINITION } from "@/domain/tenant-objects/kinds/event-definition";
import { DOCUMENT } from "@/domain/tenant-objects/kinds/document";
import { INTEGRATION_DEPENDENCY } from "@/domain/tenant-objects/kinds/integration-dependency";
import { BUNDLE_INSTANCE_AUTH } from "@/domain/tenant-objects/kinds/bundle-instance-auth";
import { requestInstanceAuth } from "@/domain/catalog/instance-auths";
import { requestObjectCredentials } from "@/domain/credentials/object-credentials.service";
import { setLabel } from "@/domain/labels/label.service";
import { createLabelDefinition } from "@/domain/labels/label-definition.service";
import { createApiToken } from "@/domain/api-tokens/api-token.service";
import { createIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { generateClientCredentials } from "@/domain/credentials/system-auth.service";
import { createTenant } from "@/domain/tenants/tenant.service";
import { createApplicationTemplate } from "@/domain/application-templates/application-template.service";
import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { attachConstraint, createFormationConstraint } from "@/domain/formation-constraints/formation-constraint.service";
import { assignFormation, createFormation } from "@/domain/formations/formation.service";
import { createFormationTemplate, setFormationTemplateLabel } from "@/domain/formation-templates/formation-template.service";
import { addWebhook } from "@/domain/webhooks/webhook.service";
import { createCertificateSubjectMapping } from "@/domain/certificate-subject-mappings/certificate-subject-mapping.service";
import { writeTenants } from "@/domain/tenants/tenant-mapping.service";
import { addTenantAccess } from "@/domain/tenants/tenant-access.service";
import { SESSION_COOKIE, createSession } from "@/domain/users/session.service";
import { inviteUser } from "@/domain/users/user.service";
import type { Session } from "@/generated/prisma-sqlite/client";
import { hashPassword, sha256, verifyPassword } from "@/lib/crypto";
import { type Role, VIEWER_QUERY, assertUnauthenticated, authSupport } from "./auth-support";
import { type Caller, PASSWORD, TEST_ORIGIN, ensureApplicationTemplate, onlyError, recordSecret, setupTestApp } from "./harness";

const app = await setupTestApp();
const { unique, snapshot, assertUnchanged, newCaller, sessionOf } = authSupport(app);

// ---------------------------------------------------------------------------
// the authorization matrix

interface Call {
  query: string;
  variables?: Record<string, unknown>;
  /** Request headers, such as `tenant` for tenant-scoped operations. */
  headers?: Record<string, string>;
}
interface Operation {
  field: string;
  /** read: every role; own: every role, on their own account; admin-read: ADMIN only (the audit log); write: ADMIN only. */
  kind: "read" | "own" | "admin-read" | "write";
  /** Creates what the call needs (as far as possible owned by `owner`) and returns it. */
  prepare: (owner: Caller) => Promise<Call>;
  /** Checks a successful answer (reads for every role, writes for ADMIN). */
  check: (data: any, role: Role, call: Call) => Promise<void> | void;
}

async function newSystem() {
  return createIntegrationSystem(app.db, app.admin.principal, { name: unique("matrix system"), description: "for the matrix" });
}

/** A record of a certificate the Connector issued, for an application of a tenant of its own (the Connector's own flow: test/connector.api.test.ts). */
async function newIssuedCertificate() {
  const { application, tenant } = await newApplication();
  const serial = randomBytes(16).toString("hex");
  return app.db.issuedCertificate.create({
    data: {
      serial,
      systemAuthId: unique("auth"),
      ownerType: "APPLICATION",
      ownerId: application.id,
      tenantId: tenant.id,
      subject: "O=Org,OU=OrgUnit,L=Locality,ST=State,C=PL,CN=matrix",
      caId: "matrix",
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
}

const subjectOf = (cn: string) => `C=DE, L=Matrix, O=Matrix-Org, OU=Matrix-Unit, CN=${cn}`;
const newSubjectMapping = () =>
  createCertificateSubjectMapping(app.db, app.admin.principal, {
    subject: subjectOf(unique("mapped")),
    consumerType: "Integration System",
    tenantAccessLevels: ["account", "global"],
  });

async function newTenant() {
  return createTenant(app.db, app.admin.principal, { externalId: unique("matrix-tenant"), name: "Matrix Tenant" });
}

/** An application template with one placeholder, `name`. */
const templateInput = (name: string) => ({ name, applicationInput: { name: "{{name}}" }, placeholders: [{ name: "name" }], accessLevel: "GLOBAL" });
const newFormationTemplate = () =>
  createFormationTemplate(app.db, app.admin.principal, { name: unique("matrix formation template"), applicationTypes: ["app-type"] });
/** A formation of a tenant of its own, with an application in it when `assigned`. */
async function newFormation(assigned: boolean) {
  const { tenant, application, headers } = await newApplication();
  const formation = await createFormation(app.db, app.admin.principal, tenant, { name: `matrix-${randomBytes(4).toString("hex")}` });
  if (assigned)
    await assignFormation(app.db, app.admin.principal, tenant, { objectID: application.id, objectType: "APPLICATION", formation: { name: formation.name } });
  return { tenant, formation, headers, applicationId: application.id };
}
const constraintInput = {
  constraintType: "PRE",
  targetOperation: "ASSIGN_FORMATION",
  operator: "op",
  resourceType: "APPLICATION",
  resourceSubtype: "sub",
  inputTemplate: "{}",
  constraintScope: "GLOBAL",
};
async function newConstraint() {
  const constraint = await createFormationConstraint(app.db, app.admin.principal, { ...constraintInput, name: unique("matrix constraint") });
  return { constraint, template: await newFormationTemplate() };
}
async function newAttachedConstraint() {
  const made = await newConstraint();
  await attachConstraint(app.db, app.admin.principal, made.constraint.id, made.template.id);
  return made;
}
const newOperation = () => app.db.scheduledOperation.create({ data: { id: randomUUID(), operationType: "ORD_AGGREGATION" } });
const newTemplate = () => createApplicationTemplate(app.db, app.admin.principal, { ...templateInput(unique("matrix template")), accessLevel: "GLOBAL" });

/** An application in a tenant of its own; calls about it send that tenant's external id. */
async function newApplication() {
  const tenant = await newTenant();
  const application = await registerApplication(app.db, app.admin.principal, tenant, { name: unique("matrix app") });
  return { tenant, application, headers: { tenant: tenant.externalId } };
}

/** A runtime context under a runtime of a tenant of its own. */
async function newRuntimeContext() {
  const { tenant, runtime, headers } = await newRuntime();
  const context = await registerObject(RUNTIME_CONTEXT, app.db, app.admin.principal, tenant, { key: "sub", value: "c1" }, runtime.id);
  return { id: context.id, headers };
}

/** A runtime labelled env=dev in a tenant of its own. */
async function newRuntime() {
  const tenant = await newTenant();
  const runtime = await registerRuntime(app.db, app.admin.principal, tenant, { name: unique("matrix runtime"), labels: { env: "dev" } });
  return { tenant, runtime, headers: { tenant: tenant.externalId } };
}

let ownerSessions: Session[] = [];

const SYSTEM_FIELDS = `id name description auths { id secretHint auth { credential { ... on OAuthCredentialData { clientId clientSecret url } } } }`;

/** What an application offers (issue 23): a bundle of an application of a tenant of its own, with one of each kind in it. */
async function newCatalog() {
  const { tenant, application, headers } = await newApplication();
  const bundle = await registerObject(BUNDLE, app.db, app.admin.principal, tenant, { name: "matrix bundle" }, application.id);
  const api = await registerObject(
    API_DEFINITION,
    app.db,
    app.admin.principal,
    tenant,
    { name: "api", targetURL: "https://api.example.com", spec: { type: "OPEN_API", format: "JSON", data: "{}" } },
    undefined,
    {
      groupId: bundle.id,
    },
  );
  const event = await registerObject(
    EVENT_DEFINITION,
    app.db,
    app.admin.principal,
    tenant,
    { name: "events", spec: { type: "ASYNC_API", format: "YAML", data: "a: 1" } },
    undefined,
    { groupId: bundle.id },
  );
  const document = await registerObject(
    DOCUMENT,
    app.db,
    app.admin.principal,
    tenant,
    { title: "Readme", displayName: "R", description: "d", format: "MARKDOWN" },
    bundle.id,
  );
  const dependency = await registerObject(
    INTEGRATION_DEPENDENCY,
    app.db,
    app.admin.principal,
    tenant,
    { name: "dep", ordID: "ns:integrationDependency:x:v1" },
    application.id,
  );
  const instanceAuth = await registerObject(
    BUNDLE_INSTANCE_AUTH,
    app.db,
    app.admin.principal,
    tenant,
    { auth: { credential: { basic: { username: "runtime", password: "matrix-password" } } } },
    bundle.id,
  );
  const pending = await requestInstanceAuth(app.db, app.admin.principal, tenant, bundle.id, {});
  return { application, bundle, api, event, document, dependency, instanceAuth, pending, headers };
}

/** A write about one object the catalog holds: `make` names it, `check` proves it happened. */
function catalogWrite(
  field: string,
  query: string,
  variablesOf: (catalog: Awaited<ReturnType<typeof newCatalog>>) => Record<string, unknown>,
  check: Operation["check"],
): Operation {
  return {
    field,
    kind: "write",
    prepare: async () => {
      const catalog = await newCatalog();
      return { query, variables: variablesOf(catalog), headers: catalog.headers };
    },
    check,
  };
}

const API_IN = `{ name: "matrix-api", targetURL: "https://api.example.com", spec: { data: "{}", type: OPEN_API, format: JSON } }`;
const EVENT_IN = `{ name: "matrix-events", spec: { data: "{}", type: ASYNC_API, format: JSON } }`;
const gone =
  (table: "bundle" | "aPIDefinition" | "eventDefinition" | "document" | "integrationDependency") => async (_data: unknown, _role: Role, call: Call) =>
    assert.equal(await (app.db[table] as unknown as { count(args: object): Promise<number> }).count({ where: { id: call.variables!.id as string } }), 0);

/** Issue 23's operations: written as their application is (its own token and its managing system: test/catalog-access.api.test.ts). */
const catalogOperations: Operation[] = [
  {
    field: "apisForApplication",
    kind: "read",
    prepare: async () => {
      const { application, headers } = await newCatalog();
      return { query: `query($id: ID!) { apisForApplication(appID: $id) { totalCount data { name } } }`, variables: { id: application.id }, headers };
    },
    check: (data) => assert.deepEqual(data.apisForApplication.data, [{ name: "api" }]),
  },
  {
    field: "eventsForApplication",
    kind: "read",
    prepare: async () => {
      const { application, headers } = await newCatalog();
      return { query: `query($id: ID!) { eventsForApplication(appID: $id) { totalCount } }`, variables: { id: application.id }, headers };
    },
    check: (data) => assert.equal(data.eventsForApplication.totalCount, 1),
  },
  catalogWrite(
    "addBundle",
    `mutation($id: ID!) { addBundle(applicationID: $id, in: { name: "b2" }) { name } }`,
    (c) => ({ id: c.application.id }),
    (data) => assert.equal(data.addBundle.name, "b2"),
  ),
  catalogWrite(
    "updateBundle",
    `mutation($id: ID!) { updateBundle(id: $id, in: { name: "renamed" }) { name } }`,
    (c) => ({ id: c.bundle.id }),
    (data) => assert.equal(data.updateBundle.name, "renamed"),
  ),
  catalogWrite("deleteBundle", `mutation($id: ID!) { deleteBundle(id: $id) { id } }`, (c) => ({ id: c.bundle.id }), gone("bundle")),
  catalogWrite(
    "addAPIDefinitionToBundle",
    `mutation($id: ID!) { addAPIDefinitionToBundle(bundleID: $id, in: ${API_IN}) { name } }`,
    (c) => ({ id: c.bundle.id }),
    (data) => assert.equal(data.addAPIDefinitionToBundle.name, "matrix-api"),
  ),
  catalogWrite(
    "addAPIDefinitionToApplication",
    `mutation($id: ID!) { addAPIDefinitionToApplication(appID: $id, in: ${API_IN}) { name } }`,
    (c) => ({ id: c.application.id }),
    (data) => assert.equal(data.addAPIDefinitionToApplication.name, "matrix-api"),
  ),
  catalogWrite(
    "updateAPIDefinition",
    `mutation($id: ID!) { updateAPIDefinition(id: $id, in: ${API_IN}) { name } }`,
    (c) => ({ id: c.api.id }),
    (data) => assert.equal(data.updateAPIDefinition.name, "matrix-api"),
  ),
  catalogWrite(
    "updateAPIDefinitionForApplication",
    `mutation($id: ID!) { updateAPIDefinitionForApplication(id: $id, in: ${API_IN}) { name } }`,
    (c) => ({ id: c.api.id }),
    (data) => assert.equal(data.updateAPIDefinitionForApplication.name, "matrix-api"),
  ),
  catalogWrite("deleteAPIDefinition", `mutation($id: ID!) { deleteAPIDefinition(id: $id) { id } }`, (c) => ({ id: c.api.id }), gone("aPIDefinition")),
  catalogWrite(
    "refetchAPISpec",
    `mutation($id: ID!) { refetchAPISpec(apiID: $id) { type } }`,
    (c) => ({ id: c.api.id }),
    () => undefined,
  ),
  catalogWrite(
    "addEventDefinitionToBundle",
    `mutation($id: ID!) { addEventDefinitionToBundle(bundleID: $id, in: ${EVENT_IN}) { name } }`,
    (c) => ({ id: c.bundle.id }),
    (data) => assert.equal(data.addEventDefinitionToBundle.name, "matrix-events"),
  ),
  catalogWrite(
    "addEventDefinitionToApplication",
    `mutation($id: ID!) { addEventDefinitionToApplication(appID: $id, in: ${EVENT_IN}) { name } }`,
    (c) => ({ id: c.application.id }),
    (data) => assert.equal(data.addEventDefinitionToApplication.name, "matrix-events"),
  ),
  catalogWrite(
    "updateEventDefinition",
    `mutation($id: ID!) { updateEventDefinition(id: $id, in: ${EVENT_IN}) { name } }`,
    (c) => ({ id: c.event.id }),
    (data) => assert.equal(data.updateEventDefinition.name, "matrix-events"),
  ),
  catalogWrite(
    "updateEventDefinitionForApplication",
    `mutation($id: ID!) { updateEventDefinitionForApplication(id: $id, in: ${EVENT_IN}) { name } }`,
    (c) => ({ id: c.event.id }),
    (data) => assert.equal(data.updateEventDefinitionForApplication.name, "matrix-events"),
  ),
  catalogWrite("deleteEventDefinition", `mutation($id: ID!) { deleteEventDefinition(id: $id) { id } }`, (c) => ({ id: c.event.id }), gone("eventDefinition")),
  catalogWrite(
    "refetchEventDefinitionSpec",
    `mutation($id: ID!) { refetchEventDefinitionSpec(eventID: $id) { type } }`,
    (c) => ({ id: c.event.id }),
    () => undefined,
  ),
  catalogWrite(
    "addDocumentToBundle",
    `mutation($id: ID!) { addDocumentToBundle(bundleID: $id, in: { title: "T", displayName: "D", description: "d", format: MARKDOWN }) { title } }`,
    (c) => ({ id: c.bundle.id }),
    (data) => assert.equal(data.addDocumentToBundle.title, "T"),
  ),
  catalogWrite("deleteDocument", `mutation($id: ID!) { deleteDocument(id: $id) { id } }`, (c) => ({ id: c.document.id }), gone("document")),
  catalogWrite(
    "addIntegrationDependencyToApplication",
    `mutation($id: ID!) { addIntegrationDependencyToApplication(appID: $id, in: { name: "d2", ordID: "ns:integrationDependency:y:v1" }) { name } }`,
    (c) => ({ id: c.application.id }),
    (data) => assert.equal(data.addIntegrationDependencyToApplication.name, "d2"),
  ),
  catalogWrite(
    "deleteIntegrationDependency",
    `mutation($id: ID!) { deleteIntegrationDependency(id: $id) { id } }`,
    (c) => ({ id: c.dependency.id }),
    gone("integrationDependency"),
  ),
  {
    field: "bundleInstanceAuth",
    kind: "read",
    prepare: async () => {
      const { instanceAuth, headers } = await newCatalog();
      return { query: `query($id: ID!) { bundleInstanceAuth(id: $id) { id status { condition } } }`, variables: { id: instanceAuth.id }, headers };
    },
    check: (data, _role, call) => assert.deepEqual(data.bundleInstanceAuth, { id: call.variables!.id, status: { condition: "SUCCEEDED" } }),
  },
  {
    field: "bundleByInstanceAuth",
    kind: "read",
    prepare: async () => {
      const { instanceAuth, headers } = await newCatalog();
      return { query: `query($id: ID!) { bundleByInstanceAuth(authID: $id) { name } }`, variables: { id: instanceAuth.id }, headers };
    },
    check: (data) => assert.equal(data.bundleByInstanceAuth.name, "matrix bundle"),
  },
  catalogWrite(
    "requestBundleInstanceAuthCreation",
    `mutation($id: ID!) { requestBundleInstanceAuthCreation(bundleID: $id, in: {}) { status { condition } } }`,
    (c) => ({ id: c.bundle.id }),
    (data) => assert.equal(data.requestBundleInstanceAuthCreation.status.condition, "PENDING"),
  ),
  catalogWrite(
    "requestBundleInstanceAuthDeletion",
    `mutation($id: ID!) { requestBundleInstanceAuthDeletion(authID: $id) { status { condition } } }`,
    (c) => ({ id: c.pending.id }),
    (data) => assert.equal(data.requestBundleInstanceAuthDeletion.status.condition, "UNUSED"),
  ),
  catalogWrite(
    "setBundleInstanceAuth",
    `mutation($id: ID!) { setBundleInstanceAuth(authID: $id, in: { status: { condition: FAILED, message: "no", reason: "NoQuota" } }) { status { condition } } }`,
    (c) => ({ id: c.pending.id }),
    (data) => assert.equal(data.setBundleInstanceAuth.status.condition, "FAILED"),
  ),
  catalogWrite(
    "createBundleInstanceAuth",
    `mutation($id: ID!) { createBundleInstanceAuth(bundleID: $id, in: { auth: { credential: { basic: { username: "u", password: "p" } } } }) { status { condition } } }`,
    (c) => ({ id: c.bundle.id }),
    (data) => assert.equal(data.createBundleInstanceAuth.status.condition, "SUCCEEDED"),
  ),
  catalogWrite(
    "updateBundleInstanceAuth",
    `mutation($id: ID!, $b: ID!) { updateBundleInstanceAuth(id: $id, bundleID: $b, in: { context: "{\\"k\\":1}" }) { context } }`,
    (c) => ({ id: c.instanceAuth.id, b: c.bundle.id }),
    (data) => assert.equal(data.updateBundleInstanceAuth.context, '{"k":1}'),
  ),
  catalogWrite(
    "deleteBundleInstanceAuth",
    `mutation($id: ID!) { deleteBundleInstanceAuth(authID: $id) { id } }`,
    (c) => ({ id: c.instanceAuth.id }),
    async (_data, _role, call) => assert.equal(await app.db.bundleInstanceAuth.count({ where: { id: call.variables!.id as string } }), 0),
  ),
];

const operations: Operation[] = [
  ...catalogOperations,
  {
    field: "integrationSystems",
    kind: "read",
    prepare: async () => {
      await newSystem();
      return { query: `{ integrationSystems(first: 200) { totalCount data { ${SYSTEM_FIELDS} } } }` };
    },
    check: async (data) => {
      // Every system in the database, oldest first (the default order), and no more.
      const rows = await app.db.integrationSystem.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, name: true } });
      assert.equal(data.integrationSystems.totalCount, rows.length);
      assert.deepEqual(
        data.integrationSystems.data.map(({ id, name }: { id: string; name: string }) => ({ id, name })),
        rows,
      );
      for (const system of data.integrationSystems.data) {
        for (const auth of system.auths) assert.equal(auth.auth.credential.clientSecret, null, "no secret after generation");
      }
    },
  },
  {
    field: "integrationSystem",
    kind: "read",
    prepare: async () => {
      const system = await newSystem();
      await generateClientCredentials(app.db, app.admin.principal, system.id);
      return { query: `query($id: ID!) { integrationSystem(id: $id) { ${SYSTEM_FIELDS} } }`, variables: { id: system.id } };
    },
    check: (data, _role, call) => {
      assert.equal(data.integrationSystem.id, call.variables!.id);
      assert.equal(data.integrationSystem.auths.length, 1);
      // VIEWERs get no secrets; nobody gets one after the generating mutation.
      assert.equal(data.integrationSystem.auths[0].auth.credential.clientSecret, null);
      assert.equal(data.integrationSystem.auths[0].auth.credential.url, `${TEST_ORIGIN}/oauth2/token`);
    },
  },
  {
    field: "applicationTemplates",
    kind: "read",
    prepare: async () => {
      const template = await newTemplate();
      return { query: `query($s: String) { applicationTemplates(search: $s) { data { id name } totalCount } }`, variables: { s: template.name } };
    },
    check: (data, _role, call) =>
      assert.deepEqual(
        data.applicationTemplates.data.map((t: { name: string }) => t.name),
        [call.variables!.s],
      ),
  },
  {
    field: "applicationTemplate",
    kind: "read",
    prepare: async () => ({
      query: `query($id: ID!) { applicationTemplate(id: $id) { id placeholders { name } } }`,
      variables: { id: (await newTemplate()).id },
    }),
    check: (data, _role, call) => assert.equal(data.applicationTemplate.id, call.variables!.id),
  },
  {
    field: "createApplicationTemplate",
    kind: "write",
    prepare: async () => ({
      query: `mutation($in: ApplicationTemplateInput!) { createApplicationTemplate(in: $in) { id name } }`,
      variables: { in: templateInput(unique("matrix template")) },
    }),
    check: async (data) => assert.ok(await app.db.applicationTemplate.findUnique({ where: { id: data.createApplicationTemplate.id } })),
  },
  {
    field: "updateApplicationTemplate",
    kind: "write",
    prepare: async () => ({
      query: `mutation($id: ID!, $in: ApplicationTemplateUpdateInput!) { updateApplicationTemplate(id: $id, in: $in) { id name } }`,
      variables: { id: (await newTemplate()).id, in: templateInput(unique("matrix renamed")) },
    }),
    check: async (data, _role, call) =>
      assert.equal(
        (await app.db.applicationTemplate.findUniqueOrThrow({ where: { id: call.variables!.id as string } })).name,
        data.updateApplicationTemplate.name,
      ),
  },
  {
    field: "deleteApplicationTemplate",
    kind: "write",
    prepare: async () => ({ query: `mutation($id: ID!) { deleteApplicationTemplate(id: $id) { id } }`, variables: { id: (await newTemplate()).id } }),
    check: async (_data, _role, call) => assert.equal(await app.db.applicationTemplate.findUnique({ where: { id: call.variables!.id as string } }), null),
  },
  {
    field: "registerApplicationFromTemplate",
    kind: "write",
    prepare: async () => {
      const template = await newTemplate();
      const tenant = await newTenant();
      return {
        query: `mutation($in: ApplicationFromTemplateInput!) { registerApplicationFromTemplate(in: $in) { id applicationTemplateID } }`,
        variables: { in: { templateName: template.name, values: [{ placeholder: "name", value: unique("from-template") }] } },
        headers: { tenant: tenant.externalId },
      };
    },
    check: (data) => assert.ok(data.registerApplicationFromTemplate.applicationTemplateID),
  },
  {
    field: "createIntegrationSystem",
    kind: "write",
    prepare: async () => ({
      query: `mutation($in: IntegrationSystemInput!) { createIntegrationSystem(in: $in) { id name } }`,
      variables: { in: { name: unique("created") } },
    }),
    check: async (data, _role, call) => {
      const row = await app.db.integrationSystem.findUniqueOrThrow({ where: { id: data.createIntegrationSystem.id } });
      assert.deepEqual(data.createIntegrationSystem, { id: row.id, name: (call.variables!.in as { name: string }).name });
      assert.equal(row.name, data.createIntegrationSystem.name);
    },
  },
  {
    field: "updateIntegrationSystem",
    kind: "write",
    prepare: async () => {
      const system = await newSystem();
      return {
        query: `mutation($id: ID!, $in: IntegrationSystemInput!) { updateIntegrationSystem(id: $id, in: $in) { id name description } }`,
        variables: { id: system.id, in: { name: unique("renamed"), description: "changed" } },
      };
    },
    check: async (data, _role, call) => {
      const row = await app.db.integrationSystem.findUnique({ where: { id: call.variables!.id as string } });
      assert.equal(row?.description, "changed");
      assert.equal(data.updateIntegrationSystem.description, "changed");
    },
  },
  {
    field: "deleteIntegrationSystem",
    kind: "write",
    prepare: async () => {
      const system = await newSystem();
      await generateClientCredentials(app.db, app.admin.principal, system.id);
      return { query: `mutation($id: ID!) { deleteIntegrationSystem(id: $id) { id } }`, variables: { id: system.id } };
    },
    check: async (_data, _role, call) => {
      assert.equal(await app.db.integrationSystem.count({ where: { id: call.variables!.id as string } }), 0);
      assert.equal(await app.db.systemAuth.count({ where: { integrationSystemId: call.variables!.id as string } }), 0);
    },
  },
  {
    field: "generateClientCredentialsForIntegrationSystem",
    kind: "write",
    prepare: async () => {
      const system = await newSystem();
      return {
        query: `mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(id: $id) {
          id referenceObjectId auth { credential { ... on OAuthCredentialData { clientId clientSecret } } } } }`,
        variables: { id: system.id },
      };
    },
    check: async (data, _role, call) => {
      const generated = data.generateClientCredentialsForIntegrationSystem;
      assert.equal(generated.referenceObjectId, call.variables!.id);
      assert.match(generated.auth.credential.clientSecret, /^cmp_cs_/);
      const row = await app.db.systemAuth.findUnique({ where: { id: generated.id } });
      assert.equal(row?.secretHash, sha256(generated.auth.credential.clientSecret));
    },
  },
  {
    field: "deleteSystemAuthForIntegrationSystem",
    kind: "write",
    prepare: async () => {
      const system = await newSystem();
      const auth = await generateClientCredentials(app.db, app.admin.principal, system.id);
      return { query: `mutation($id: ID!) { deleteSystemAuthForIntegrationSystem(id: $id) { id } }`, variables: { id: auth.id } };
    },
    check: async (data) => {
      assert.equal(await app.db.systemAuth.count({ where: { id: data.deleteSystemAuthForIntegrationSystem.id } }), 0);
    },
  },
  {
    field: "confirmSystemAuthSecretStored",
    kind: "write",
    prepare: async () => {
      const system = await newSystem();
      const auth = await generateClientCredentials(app.db, app.admin.principal, system.id, { awaitConfirmation: true });
      return { query: `mutation($id: ID!) { confirmSystemAuthSecretStored(id: $id) { id } }`, variables: { id: auth.id } };
    },
    check: async (data) => {
      const row = await app.db.systemAuth.findUnique({ where: { id: data.confirmSystemAuthSecretStored.id } });
      assert.equal(row?.secretUnconfirmed, false);
    },
  },
  {
    field: "setSystemAuthNote",
    kind: "write",
    prepare: async () => {
      const system = await newSystem();
      const auth = await generateClientCredentials(app.db, app.admin.principal, system.id);
      return { query: `mutation($id: ID!) { setSystemAuthNote(id: $id, note: "matrix") { id } }`, variables: { id: auth.id } };
    },
    check: async (data) => {
      assert.equal((await app.db.systemAuth.findUnique({ where: { id: data.setSystemAuthNote.id } }))?.note, "matrix");
    },
  },
  {
    field: "credentialSettings",
    kind: "read",
    prepare: async () => ({ query: `{ credentialSettings { grantableScopes tokenUrl } }` }),
    check: (data) => {
      assert.ok(data.credentialSettings.grantableScopes.length > 0);
      assert.equal(data.credentialSettings.tokenUrl, `${TEST_ORIGIN}/oauth2/token`);
    },
  },
  // Compass's names for the three operations above: the same resolvers, the same rights.
  {
    field: "registerIntegrationSystem",
    kind: "write",
    prepare: async () => ({
      query: `mutation($in: IntegrationSystemInput!) { registerIntegrationSystem(in: $in) { id name } }`,
      variables: { in: { name: unique("registered") } },
    }),
    check: async (data, _role, call) => {
      const row = await app.db.integrationSystem.findUniqueOrThrow({ where: { id: data.registerIntegrationSystem.id } });
      assert.equal(row.name, (call.variables!.in as { name: string }).name);
    },
  },
  {
    field: "unregisterIntegrationSystem",
    kind: "write",
    prepare: async () => {
      const system = await newSystem();
      await generateClientCredentials(app.db, app.admin.principal, system.id);
      return { query: `mutation($id: ID!) { unregisterIntegrationSystem(id: $id) { id } }`, variables: { id: system.id } };
    },
    check: async (_data, _role, call) => {
      assert.equal(await app.db.integrationSystem.count({ where: { id: call.variables!.id as string } }), 0);
      assert.equal(await app.db.systemAuth.count({ where: { integrationSystemId: call.variables!.id as string } }), 0);
    },
  },
  {
    field: "requestClientCredentialsForIntegrationSystem",
    kind: "write",
    prepare: async () => {
      const system = await newSystem();
      return {
        query: `mutation($id: ID!) { requestClientCredentialsForIntegrationSystem(id: $id) {
          id referenceObjectId auth { credential { ... on OAuthCredentialData { clientId clientSecret } } } } }`,
        variables: { id: system.id },
      };
    },
    check: async (data, _role, call) => {
      const requested = data.requestClientCredentialsForIntegrationSystem;
      assert.equal(requested.referenceObjectId, call.variables!.id);
      const row = await app.db.systemAuth.findUnique({ where: { id: requested.id } });
      assert.equal(row?.secretHash, sha256(requested.auth.credential.clientSecret));
    },
  },
  {
    field: "viewer",
    kind: "read",
    prepare: async () => ({ query: VIEWER_QUERY }),
    check: (data, role) => {
      assert.equal(data.viewer.kind, "USER");
      assert.equal(data.viewer.role, role);
      assert.equal(data.viewer.scopes.includes("integration_system:write"), role === "ADMIN");
    },
  },
  {
    field: "users",
    kind: "read",
    prepare: async () => ({ query: `{ users { id email role createdAt } }` }),
    check: async (data) => {
      const rows = await app.db.user.findMany({ select: { id: true, email: true, role: true } });
      const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
      assert.deepEqual(data.users.map(({ id, email, role }: { id: string; email: string; role: string }) => ({ id, email, role })).sort(byId), rows.sort(byId));
      assert.ok(!JSON.stringify(data).includes("scrypt"), "no password hashes");
    },
  },
  {
    // Another user by id is FORBIDDEN to a VIEWER: see test/users.api.test.ts.
    field: "user",
    kind: "own",
    prepare: async (owner) => ({ query: `query($id: ID!) { user(id: $id) { id email role sessions { id } } }`, variables: { id: owner.user.id } }),
    check: async (data, role, call) => {
      const row = await app.db.user.findUniqueOrThrow({ where: { id: call.variables!.id as string } });
      assert.deepEqual({ id: data.user.id, email: data.user.email, role: data.user.role }, { id: row.id, email: row.email, role });
      assert.ok(Array.isArray(data.user.sessions), "their own sessions");
    },
  },
  {
    field: "createUser",
    kind: "write",
    prepare: async () => ({
      query: `mutation($in: CreateUserInput!) { createUser(in: $in) { id email role } }`,
      variables: { in: { email: `${unique("new")}@example.test`, password: PASSWORD, role: "VIEWER" } },
    }),
    check: async (data, _role, call) => {
      const row = await app.db.user.findUniqueOrThrow({ where: { id: data.createUser.id } });
      const email = (call.variables!.in as { email: string }).email;
      assert.deepEqual(data.createUser, { id: row.id, email, role: "VIEWER" });
      assert.deepEqual({ email: row.email, role: row.role }, { email, role: "VIEWER" });
    },
  },
  {
    field: "deleteUser",
    kind: "write",
    prepare: async () => {
      const victim = await newCaller("VIEWER");
      return { query: `mutation($id: ID!) { deleteUser(id: $id) { id } }`, variables: { id: victim.user.id } };
    },
    check: async (_data, _role, call) => {
      assert.equal(await app.db.user.count({ where: { id: call.variables!.id as string } }), 0);
      assert.equal(await app.db.apiToken.count({ where: { userId: call.variables!.id as string } }), 0);
    },
  },
  {
    field: "inviteUser",
    kind: "write",
    prepare: async () => ({
      query: `mutation($in: InviteUserInput!) { inviteUser(in: $in) { token user { id email role } } }`,
      variables: { in: { email: `${unique("invited")}@example.test`, role: "VIEWER" } },
    }),
    check: async (data) => {
      recordSecret(data.inviteUser.token);
      const row = await app.db.passwordResetToken.findFirstOrThrow({ where: { userId: data.inviteUser.user.id } });
      assert.equal(row.tokenHash, sha256(data.inviteUser.token));
    },
  },
  {
    field: "resendInvitation",
    kind: "write",
    prepare: async () => {
      const { user } = await inviteUser(app.db, app.admin.principal, { email: `${unique("resent")}@example.test`, role: "VIEWER" });
      return { query: `mutation($id: ID!) { resendInvitation(id: $id) { token user { id } } }`, variables: { id: user.id } };
    },
    check: async (data) => {
      recordSecret(data.resendInvitation.token);
      const row = await app.db.passwordResetToken.findFirstOrThrow({ where: { userId: data.resendInvitation.user.id } });
      assert.equal(row.tokenHash, sha256(data.resendInvitation.token));
    },
  },
  {
    field: "revokeInvitation",
    kind: "write",
    prepare: async () => {
      const { user } = await inviteUser(app.db, app.admin.principal, { email: `${unique("withdrawn")}@example.test`, role: "VIEWER" });
      return { query: `mutation($id: ID!) { revokeInvitation(id: $id) { id } }`, variables: { id: user.id } };
    },
    check: async (_data, _role, call) => {
      assert.equal(await app.db.user.count({ where: { id: call.variables!.id as string } }), 0);
    },
  },
  {
    field: "changeUserRole",
    kind: "write",
    prepare: async () => {
      const target = await newCaller("VIEWER");
      return { query: `mutation($id: ID!) { changeUserRole(id: $id, role: ADMIN) { id role } }`, variables: { id: target.user.id } };
    },
    check: async (data, _role, call) => {
      assert.deepEqual(data.changeUserRole, { id: call.variables!.id, role: "ADMIN" });
      assert.equal((await app.db.user.findUniqueOrThrow({ where: { id: call.variables!.id as string } })).role, "ADMIN");
    },
  },
  {
    field: "createPasswordResetLink",
    kind: "write",
    prepare: async () => {
      const target = await newCaller("VIEWER");
      return { query: `mutation($id: ID!) { createPasswordResetLink(id: $id) { token user { id } } }`, variables: { id: target.user.id } };
    },
    check: async (data, _role, call) => {
      recordSecret(data.createPasswordResetLink.token);
      assert.equal(await app.db.passwordResetToken.count({ where: { userId: call.variables!.id as string } }), 1);
    },
  },
  {
    field: "changePassword",
    kind: "own",
    prepare: async (owner) => {
      // The change ends the owner's other sessions; check() puts them and the password back for the next rows.
      ownerSessions = await app.db.session.findMany({ where: { userId: owner.user.id } });
      // revokeApiTokens: false keeps the callers' tokens for the next rows (the default, revoking, is in users.api.test.ts).
      return {
        query: `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n, revokeApiTokens: false) { id } }`,
        variables: { c: PASSWORD, n: `${PASSWORD} changed` },
      };
    },
    check: async (data) => {
      const user = await app.db.user.findUniqueOrThrow({ where: { id: data.changePassword.id } });
      assert.ok(await verifyPassword(`${PASSWORD} changed`, user.passwordHash));
      await app.db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
      const left = new Set((await app.db.session.findMany({ where: { userId: user.id } })).map((row) => row.id));
      await app.db.session.createMany({ data: ownerSessions.filter((row) => !left.has(row.id)) });
    },
  },
  {
    field: "endSession",
    kind: "own",
    prepare: async (owner) => {
      const { sessionId } = await createSession(app.db, owner.user.id, 1);
      return { query: `mutation($id: ID!) { endSession(id: $id) { id } }`, variables: { id: sessionId } };
    },
    check: async (data, _role, call) => {
      assert.equal(data.endSession.id, call.variables!.id);
      assert.equal(await app.db.session.count({ where: { id: call.variables!.id as string } }), 0);
    },
  },
  {
    field: "endAllSessions",
    kind: "own",
    prepare: async (owner) => {
      await createSession(app.db, owner.user.id, 1);
      // It ends the file's own session of the owner too; check() puts them back for the next rows, as for changePassword.
      ownerSessions = await app.db.session.findMany({ where: { userId: owner.user.id } });
      return { query: `mutation($id: ID!) { endAllSessions(userId: $id) }`, variables: { id: owner.user.id } };
    },
    check: async (data, _role, call) => {
      assert.equal(data.endAllSessions, ownerSessions.length);
      assert.equal(await app.db.session.count({ where: { userId: call.variables!.id as string } }), 0);
      await app.db.session.createMany({ data: ownerSessions });
    },
  },
  {
    field: "userPage",
    kind: "read",
    prepare: async () => ({ query: `{ userPage(first: 200) { totalCount data { id email lastSignInAt invitationPending } } }` }),
    check: async (data) => {
      assert.equal(data.userPage.totalCount, await app.db.user.count());
      assert.equal(data.userPage.data.length, Math.min(200, data.userPage.totalCount));
    },
  },
  {
    field: "apiTokens",
    kind: "read",
    prepare: async () => ({ query: `{ apiTokens { id name createdAt lastUsedAt expiresAt } }` }),
    check: async (data, role) => {
      // Exactly the caller's own tokens.
      const userId = (role === "ADMIN" ? app.admin : app.viewer).user.id;
      const rows = await app.db.apiToken.findMany({ where: { userId }, select: { id: true, name: true } });
      const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
      assert.deepEqual(data.apiTokens.map(({ id, name }: { id: string; name: string }) => ({ id, name })).sort(byId), rows.sort(byId));
    },
  },
  {
    field: "createApiToken",
    // Every role: a VIEWER's are read-only (test/api-token-scopes.api.test.ts).
    kind: "own",
    prepare: async () => ({
      query: `mutation($name: String!) { createApiToken(name: $name, expiresInDays: 7) { token apiToken { id name } } }`,
      variables: { name: unique("token") },
    }),
    check: async (data, role, call) => {
      assert.match(data.createApiToken.token, /^cmp_pat_/);
      const row = await app.db.apiToken.findUniqueOrThrow({ where: { id: data.createApiToken.apiToken.id } });
      assert.deepEqual(
        { name: row.name, userId: row.userId, tokenHash: row.tokenHash, readOnly: row.scopes !== null },
        {
          name: call.variables!.name,
          userId: (role === "ADMIN" ? app.admin : app.viewer).user.id,
          tokenHash: sha256(data.createApiToken.token),
          readOnly: role === "VIEWER",
        },
      );
    },
  },
  {
    field: "revokeApiToken",
    kind: "own",
    // The caller's own token: every role may give up its own access (issue 20, finding 8); others' are in auth-api-tokens.api.test.ts.
    prepare: async (owner) => {
      const { apiToken } = await createApiToken(app.db, owner.principal, { name: unique("to revoke") });
      return { query: `mutation($id: ID!) { revokeApiToken(id: $id) { id name } }`, variables: { id: apiToken.id } };
    },
    check: async (_data, _role, call) => {
      assert.equal(await app.db.apiToken.count({ where: { id: call.variables!.id as string } }), 0);
    },
  },
  {
    field: "auditEvents",
    kind: "admin-read",
    prepare: async () => ({ query: `{ auditEvents(first: 5) { totalCount data { action actor { type label } } } }` }),
    check: async (data) => {
      // The newest five of the whole log.
      const rows = await app.db.auditEvent.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { action: true } });
      assert.equal(data.auditEvents.totalCount, rows.length);
      assert.deepEqual(
        data.auditEvents.data.map((event: { action: string }) => event.action),
        rows.slice(0, 5).map((row) => row.action),
      );
    },
  },
  {
    field: "auditEventsCsv",
    kind: "admin-read",
    prepare: async () => ({ query: `{ auditEventsCsv { csv rowCount truncated } }` }),
    check: async (data) => {
      assert.equal(data.auditEventsCsv.rowCount, await app.db.auditEvent.count());
      assert.equal(data.auditEventsCsv.csv.split("\r\n").length, data.auditEventsCsv.rowCount + 2, "header, rows, final line end");
    },
  },
  {
    field: "tenants",
    kind: "read",
    prepare: async () => {
      await newTenant();
      return { query: `{ tenants(first: 5) { totalCount data { id: internalID externalId name createdAt updatedAt } } }` };
    },
    check: async (data) => {
      const rows = await app.db.tenant.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, externalId: true, name: true } });
      assert.equal(data.tenants.totalCount, rows.length);
      assert.deepEqual(
        data.tenants.data.map(({ id, externalId, name }: { id: string; externalId: string; name: string }) => ({ id, externalId, name })),
        rows.slice(0, 5),
      );
    },
  },
  {
    field: "tenant",
    kind: "read",
    prepare: async () => {
      const tenant = await newTenant();
      return { query: `query($id: ID!) { tenant(id: $id) { id externalId } }`, variables: { id: tenant.externalId } };
    },
    check: (data, _role, call) => {
      assert.equal(data.tenant.externalId, call.variables!.id);
    },
  },
  {
    field: "createTenant",
    kind: "write",
    prepare: async () => ({
      query: `mutation($in: TenantInput!) { createTenant(in: $in) { id: internalID externalId name } }`,
      variables: { in: { externalId: unique("created-tenant"), name: "Created" } },
    }),
    check: async (data, _role, call) => {
      const row = await app.db.tenant.findUniqueOrThrow({ where: { id: data.createTenant.id } });
      assert.deepEqual(data.createTenant, { id: row.id, ...(call.variables!.in as object) });
      assert.deepEqual({ externalId: row.externalId, name: row.name }, call.variables!.in);
    },
  },
  {
    field: "updateTenant",
    kind: "write",
    prepare: async () => {
      const tenant = await newTenant();
      return {
        query: `mutation($id: ID!, $in: BusinessTenantMappingInput!) { updateTenant(id: $id, in: $in) { id name } }`,
        variables: { id: tenant.id, in: { externalTenant: tenant.externalId, name: "Renamed", type: "account", provider: "" } },
      };
    },
    check: async (data) => {
      assert.equal(data.updateTenant.name, "Renamed");
    },
  },
  {
    field: "deleteTenant",
    kind: "write",
    prepare: async () => {
      const { tenant } = await newApplication();
      return { query: `mutation($id: ID!) { deleteTenant(id: $id, cascade: true) { id } }`, variables: { id: tenant.id } };
    },
    check: async (_data, _role, call) => {
      assert.equal(await app.db.tenant.count({ where: { id: call.variables!.id as string } }), 0);
      assert.equal(await app.db.application.count({ where: { tenantId: call.variables!.id as string } }), 0);
    },
  },
  // Compass's tenant operations (issue 22): reads for every role, writes need tenant:write (ADMIN).
  {
    field: "tenantByExternalID",
    kind: "read",
    prepare: async () => {
      const tenant = await newTenant();
      return { query: `query($id: ID!) { tenantByExternalID(id: $id) { id internalID } }`, variables: { id: tenant.externalId } };
    },
    check: (data, _role, call) => assert.equal(data.tenantByExternalID.id, call.variables!.id),
  },
  {
    field: "tenantByInternalID",
    kind: "read",
    prepare: async () => {
      const tenant = await newTenant();
      return { query: `query($id: ID!) { tenantByInternalID(id: $id) { id internalID } }`, variables: { id: tenant.id } };
    },
    check: (data, _role, call) => assert.equal(data.tenantByInternalID.internalID, call.variables!.id),
  },
  {
    field: "rootTenants",
    kind: "read",
    prepare: async () => {
      const [root, child] = [unique("matrix-root"), unique("matrix-child")];
      await writeTenants(app.db, app.admin.principal, [
        { name: "Root", externalTenant: root, type: "customer", provider: "" },
        { name: "Child", externalTenant: child, type: "account", provider: "", parents: [root] },
      ]);
      return { query: `query($t: String!) { rootTenants(externalTenant: $t) { id } }`, variables: { t: child, root } };
    },
    check: (data, _role, call) => assert.deepEqual(data.rootTenants, [{ id: call.variables!.root }]),
  },
  {
    field: "writeTenant",
    kind: "write",
    prepare: async () => ({
      query: `mutation($in: BusinessTenantMappingInput!) { writeTenant(in: $in) }`,
      variables: { in: { name: "Written", externalTenant: unique("written"), type: "account", provider: "matrix" } },
    }),
    check: async (data) => assert.equal((await app.db.tenant.findUniqueOrThrow({ where: { id: data.writeTenant } })).provider, "matrix"),
  },
  {
    field: "writeTenants",
    kind: "write",
    prepare: async () => ({
      query: `mutation($in: [BusinessTenantMappingInput!]) { writeTenants(in: $in) }`,
      variables: { in: [{ name: "Written", externalTenant: unique("written"), type: "account", provider: "" }] },
    }),
    check: async (data) => assert.equal(await app.db.tenant.count({ where: { id: { in: data.writeTenants } } }), 1),
  },
  {
    field: "deleteTenants",
    kind: "write",
    prepare: async () => {
      const tenant = await newTenant();
      return { query: `mutation($in: [String!]) { deleteTenants(in: $in) }`, variables: { in: [tenant.externalId] } };
    },
    check: (data) => assert.equal(data.deleteTenants, 1),
  },
  {
    field: "setTenantLabel",
    kind: "write",
    prepare: async () => {
      const tenant = await newTenant();
      return { query: `mutation($t: ID!) { setTenantLabel(tenantID: $t, key: "k", value: "v") { key value } }`, variables: { t: tenant.id } };
    },
    check: async (data, _role, call) => {
      assert.deepEqual(data.setTenantLabel, { key: "k", value: "v" });
      assert.equal(await app.db.tenantLabel.count({ where: { tenantId: call.variables!.t as string } }), 1);
    },
  },
  {
    field: "addTenantAccess",
    kind: "write",
    prepare: async () => {
      const { application } = await newApplication();
      const other = await newTenant();
      return {
        query: `mutation($in: TenantAccessInput!) { addTenantAccess(in: $in) { tenantID owner } }`,
        variables: { in: { tenantID: other.externalId, resourceID: application.id, resourceType: "APPLICATION", owner: false } },
      };
    },
    check: (data, _role, call) => assert.deepEqual(data.addTenantAccess, { tenantID: (call.variables!.in as { tenantID: string }).tenantID, owner: false }),
  },
  {
    field: "removeTenantAccess",
    kind: "write",
    prepare: async () => {
      const { application } = await newApplication();
      const other = await newTenant();
      await addTenantAccess(app.db, app.admin.principal, { tenantID: other.id, resourceID: application.id, resourceType: "APPLICATION", owner: true });
      return {
        query: `mutation($t: ID!, $r: ID!) { removeTenantAccess(tenantID: $t, resourceID: $r, resourceType: APPLICATION) { owner } }`,
        variables: { t: other.externalId, r: application.id },
      };
    },
    check: async (data, _role, call) => {
      assert.deepEqual(data.removeTenantAccess, { owner: true });
      assert.equal(await app.db.tenantAccess.count({ where: { objectId: call.variables!.r as string } }), 0);
    },
  },
  {
    field: "applications",
    kind: "read",
    prepare: async () => {
      const { headers } = await newApplication();
      return { query: `{ applications(first: 10) { totalCount data { id name tenant { externalId } integrationSystem { id } } } }`, headers };
    },
    check: (data, _role, call) => {
      assert.equal(data.applications.totalCount, 1);
      assert.equal(data.applications.data[0].tenant.externalId, call.headers!.tenant);
    },
  },
  {
    field: "globalSearch",
    kind: "read",
    prepare: async () => {
      const { application } = await newApplication();
      return {
        query: `query($q: String!) { globalSearch(query: $q) { integrationSystems { id } tenants { id } applications { id name tenant { externalId } } runtimes { id } } }`,
        variables: { q: application.name.toUpperCase() },
      };
    },
    check: (data, _role, call) => {
      const found = data.globalSearch.applications;
      assert.equal(found.length, 1);
      assert.equal(found[0].name.toUpperCase(), call.variables!.q);
    },
  },
  {
    field: "application",
    kind: "read",
    prepare: async () => {
      const { application, headers } = await newApplication();
      return { query: `query($id: ID!) { application(id: $id) { id name } }`, variables: { id: application.id }, headers };
    },
    check: (data, _role, call) => {
      assert.equal(data.application.id, call.variables!.id);
    },
  },
  {
    field: "registerApplication",
    kind: "write",
    prepare: async () => {
      const tenant = await newTenant();
      return {
        query: `mutation($in: ApplicationRegisterInput!) { registerApplication(in: $in) { id name integrationSystemID } }`,
        variables: { in: { name: "Registered", description: "by the matrix" } },
        headers: { tenant: tenant.id },
      };
    },
    check: async (data, _role, call) => {
      const row = await app.db.application.findUniqueOrThrow({ where: { id: data.registerApplication.id } });
      assert.deepEqual(data.registerApplication, { id: row.id, name: "Registered", integrationSystemID: null });
      assert.deepEqual(
        { tenantId: row.tenantId, name: row.name, description: row.description, integrationSystemId: row.integrationSystemId },
        {
          tenantId: call.headers!.tenant,
          name: "Registered",
          description: "by the matrix",
          integrationSystemId: null,
        },
      );
    },
  },
  {
    field: "updateApplication",
    kind: "write",
    prepare: async () => {
      const { application, headers } = await newApplication();
      return {
        query: `mutation($id: ID!, $in: ApplicationUpdateInput!) { updateApplication(id: $id, in: $in) { id name } }`,
        variables: { id: application.id, in: { name: "Updated" } },
        headers,
      };
    },
    check: (data) => {
      assert.equal(data.updateApplication.name, "Updated");
    },
  },
  {
    field: "unregisterApplication",
    kind: "write",
    prepare: async () => {
      const { application, headers } = await newApplication();
      return { query: `mutation($id: ID!) { unregisterApplication(id: $id) { id } }`, variables: { id: application.id }, headers };
    },
    check: async (_data, _role, call) => {
      assert.equal(await app.db.application.count({ where: { id: call.variables!.id as string } }), 0);
    },
  },
  // Issue 22: Compass's application queries and mutations.
  {
    field: "applicationsForRuntime",
    kind: "read",
    prepare: async () => {
      const { tenant, application, headers } = await newApplication();
      const runtime = await registerRuntime(app.db, app.admin.principal, tenant, { name: unique("matrix runtime") });
      await setLabel(app.db, app.admin.principal, { tenantId: tenant.id, type: "RUNTIME", id: runtime.id }, "scenarios", ["matrix"]);
      await setLabel(app.db, app.admin.principal, { tenantId: tenant.id, type: "APPLICATION", id: application.id }, "scenarios", ["matrix"]);
      return { query: `query($rt: ID!) { applicationsForRuntime(runtimeID: $rt) { totalCount data { id } } }`, variables: { rt: runtime.id }, headers };
    },
    check: (data) => assert.equal(data.applicationsForRuntime.totalCount, 1),
  },
  {
    field: "applicationsByLocalTenantID",
    kind: "read",
    prepare: async () => {
      const tenant = await newTenant();
      await registerApplication(app.db, app.admin.principal, tenant, { name: unique("matrix local"), localTenantID: "local-1" });
      return {
        query: `{ applicationsByLocalTenantID(localTenantID: "local-1") { totalCount data { localTenantID } } }`,
        headers: { tenant: tenant.externalId },
      };
    },
    check: (data) => assert.deepEqual(data.applicationsByLocalTenantID, { totalCount: 1, data: [{ localTenantID: "local-1" }] }),
  },
  {
    field: "applicationByLocalTenantIDAndAppTemplateID",
    kind: "read",
    prepare: async () => {
      const tenant = await newTenant();
      const application = await registerApplication(app.db, app.admin.principal, tenant, { name: unique("matrix local"), localTenantID: "local-2" });
      await app.db.application.update({
        where: { id: application.id },
        data: { applicationTemplateId: await ensureApplicationTemplate(app.db, "template-1") },
      });
      return {
        query: `{ applicationByLocalTenantIDAndAppTemplateID(localTenantID: "local-2", applicationTemplateID: "template-1") { id } }`,
        headers: { tenant: tenant.externalId },
      };
    },
    check: (data) => assert.ok(data.applicationByLocalTenantIDAndAppTemplateID.id),
  },
  {
    field: "unpairApplication",
    kind: "write",
    prepare: async () => {
      const tenant = await newTenant();
      const application = await registerApplication(app.db, app.admin.principal, tenant, { name: unique("matrix app"), statusCondition: "CONNECTED" });
      return {
        query: `mutation($id: ID!) { unpairApplication(id: $id) { id status { condition } } }`,
        variables: { id: application.id },
        headers: { tenant: tenant.externalId },
      };
    },
    check: (data) => assert.equal(data.unpairApplication.status.condition, "INITIAL"),
  },
  // Compass's default eventing (its eventing:manage is application:write here).
  ...(["setDefaultEventingForApplication", "deleteDefaultEventingForApplication"] as const).map((field) => ({
    field,
    kind: "write" as const,
    prepare: async () => {
      const { tenant, application, headers } = await newApplication();
      const runtime = await registerRuntime(app.db, app.admin.principal, tenant, {
        name: unique("matrix eventing"),
        labels: { runtime_eventServiceUrl: "https://events.example" },
      });
      await setLabel(app.db, app.admin.principal, { tenantId: tenant.id, type: "RUNTIME", id: runtime.id }, "scenarios", ["matrix"]);
      await setLabel(app.db, app.admin.principal, { tenantId: tenant.id, type: "APPLICATION", id: application.id }, "scenarios", ["matrix"]);
      const args = field === "setDefaultEventingForApplication" ? `appID: $app, runtimeID: "${runtime.id}"` : "appID: $app";
      return { query: `mutation($app: String!) { ${field}(${args}) { defaultURL } }`, variables: { app: application.id }, headers };
    },
    check: (data: Record<string, any>) => assert.match(Object.values(data)[0].defaultURL, /^https:\/\/events\.example\/mp-.*\/v1\/events$/),
  })),
  {
    field: "mergeApplications",
    kind: "write",
    prepare: async () => {
      const tenant = await newTenant();
      const input = { baseUrl: "http://base.example" };
      const source = await registerApplication(app.db, app.admin.principal, tenant, { name: unique("matrix source"), ...input });
      const destination = await registerApplication(app.db, app.admin.principal, tenant, { name: unique("matrix destination"), ...input });
      await app.db.application.updateMany({
        where: { id: { in: [source.id, destination.id] } },
        data: { applicationTemplateId: await ensureApplicationTemplate(app.db, "template-1") },
      });
      return {
        query: `mutation($d: ID!, $s: ID!) { mergeApplications(destinationID: $d, sourceID: $s) { id } }`,
        variables: { d: destination.id, s: source.id },
        headers: { tenant: tenant.externalId },
      };
    },
    check: async (data, _role, call) => {
      assert.equal(data.mergeApplications.id, call.variables!.d);
      assert.equal(await app.db.application.count({ where: { id: call.variables!.s as string } }), 0);
    },
  },
  // Issue 14: runtimes, labels, label definitions, applications' and runtimes' credentials.
  // Non-user callers (integration systems, application and runtime tokens) are in objects-matrix.api.test.ts.
  {
    field: "runtimes",
    kind: "read",
    prepare: async () => {
      const { headers, runtime } = await newRuntime();
      return {
        query: `{ runtimes(filter: [{ key: "env" }]) { totalCount data { id labels status { condition } metadata { creationTimestamp } } } }`,
        headers,
        variables: { id: runtime.id },
      };
    },
    check: (data, _role, call) =>
      assert.deepEqual(
        data.runtimes.data.map((row: { id: string }) => row.id),
        [call.variables!.id],
      ),
  },
  {
    field: "runtime",
    kind: "read",
    prepare: async () => {
      const { runtime, headers } = await newRuntime();
      return { query: `query($id: ID!) { runtime(id: $id) { id name labels(key: "env") } }`, variables: { id: runtime.id }, headers };
    },
    check: (data, _role, call) => assert.deepEqual(data.runtime.labels, { env: "dev" }, String(call.variables!.id)),
  },
  {
    field: "registerRuntime",
    kind: "write",
    prepare: async () => {
      const tenant = await newTenant();
      return { query: `mutation { registerRuntime(in: { name: "registered", labels: { a: 1 } }) { id labels } }`, headers: { tenant: tenant.id } };
    },
    check: async (data) => {
      assert.deepEqual(data.registerRuntime.labels, { a: 1, isNormalized: "true" });
      assert.equal(await app.db.runtime.count({ where: { id: data.registerRuntime.id } }), 1);
    },
  },
  {
    field: "updateRuntime",
    kind: "write",
    prepare: async () => {
      const { runtime, headers } = await newRuntime();
      return { query: `mutation($id: ID!) { updateRuntime(id: $id, in: { name: "updated" }) { name } }`, variables: { id: runtime.id }, headers };
    },
    check: (data) => assert.equal(data.updateRuntime.name, "updated"),
  },
  {
    field: "unregisterRuntime",
    kind: "write",
    prepare: async () => {
      const { runtime, headers } = await newRuntime();
      return { query: `mutation($id: ID!) { unregisterRuntime(id: $id) { id } }`, variables: { id: runtime.id }, headers };
    },
    check: async (_data, _role, call) => assert.equal(await app.db.runtime.count({ where: { id: call.variables!.id as string } }), 0),
  },
  // Issue 22: runtime contexts, written as their runtime is (the runtime's own token: objects-matrix.api.test.ts).
  {
    field: "registerRuntimeContext",
    kind: "write",
    prepare: async () => {
      const { runtime, headers } = await newRuntime();
      return {
        query: `mutation($id: ID!) { registerRuntimeContext(runtimeID: $id, in: { key: "sub", value: "c1" }) { id key value } }`,
        variables: { id: runtime.id },
        headers,
      };
    },
    check: async (data, _role, call) => {
      assert.deepEqual([data.registerRuntimeContext.key, data.registerRuntimeContext.value], ["sub", "c1"]);
      assert.equal(await app.db.runtimeContext.count({ where: { runtimeId: call.variables!.id as string } }), 1);
    },
  },
  {
    field: "updateRuntimeContext",
    kind: "write",
    prepare: async () => {
      const { id, headers } = await newRuntimeContext();
      return { query: `mutation($id: ID!) { updateRuntimeContext(id: $id, in: { key: "sub", value: "c2" }) { value } }`, variables: { id }, headers };
    },
    check: (data) => assert.equal(data.updateRuntimeContext.value, "c2"),
  },
  {
    field: "unregisterRuntimeContext",
    kind: "write",
    prepare: async () => {
      const { id, headers } = await newRuntimeContext();
      return { query: `mutation($id: ID!) { unregisterRuntimeContext(id: $id) { id } }`, variables: { id }, headers };
    },
    check: async (_data, _role, call) => assert.equal(await app.db.runtimeContext.count({ where: { id: call.variables!.id as string } }), 0),
  },
  {
    field: "setRuntimeLabel",
    kind: "write",
    prepare: async () => {
      const { runtime, headers } = await newRuntime();
      return {
        query: `mutation($id: ID!) { setRuntimeLabel(runtimeID: $id, key: "env", value: "prod") { key value } }`,
        variables: { id: runtime.id },
        headers,
      };
    },
    check: (data) => assert.deepEqual(data.setRuntimeLabel, { key: "env", value: "prod" }),
  },
  {
    field: "deleteRuntimeLabel",
    kind: "write",
    prepare: async () => {
      const { runtime, headers } = await newRuntime();
      return { query: `mutation($id: ID!) { deleteRuntimeLabel(runtimeID: $id, key: "env") { key value } }`, variables: { id: runtime.id }, headers };
    },
    check: (data) => assert.deepEqual(data.deleteRuntimeLabel, { key: "env", value: "dev" }),
  },
  {
    field: "requestClientCredentialsForRuntime",
    kind: "write",
    prepare: async () => {
      const { runtime, headers } = await newRuntime();
      return {
        query: `mutation($id: ID!) { requestClientCredentialsForRuntime(id: $id) { id auth { credential { ... on OAuthCredentialData { clientSecret } } } } }`,
        variables: { id: runtime.id },
        headers,
      };
    },
    check: async (data) => {
      const row = await app.db.systemAuth.findUniqueOrThrow({ where: { id: data.requestClientCredentialsForRuntime.id } });
      assert.equal(row.secretHash, sha256(data.requestClientCredentialsForRuntime.auth.credential.clientSecret));
    },
  },
  {
    field: "deleteSystemAuthForRuntime",
    kind: "write",
    prepare: async () => {
      const { runtime, headers, tenant } = await newRuntime();
      const auth = await requestObjectCredentials(app.db, app.admin.principal, tenant, "RUNTIME", runtime.id);
      return { query: `mutation($id: ID!) { deleteSystemAuthForRuntime(authID: $id) { id } }`, variables: { id: auth.id }, headers };
    },
    check: async (_data, _role, call) => assert.equal(await app.db.systemAuth.count({ where: { id: call.variables!.id as string } }), 0),
  },
  {
    field: "setApplicationLabel",
    kind: "write",
    prepare: async () => {
      const { application, headers } = await newApplication();
      return {
        query: `mutation($id: ID!) { setApplicationLabel(applicationID: $id, key: "env", value: ["a"]) { key value } }`,
        variables: { id: application.id },
        headers,
      };
    },
    check: (data) => assert.deepEqual(data.setApplicationLabel, { key: "env", value: ["a"] }),
  },
  {
    field: "deleteApplicationLabel",
    kind: "write",
    prepare: async () => {
      const { application, headers, tenant } = await newApplication();
      await setLabel(app.db, app.admin.principal, { tenantId: tenant.id, type: "APPLICATION", id: application.id }, "env", "dev");
      return {
        query: `mutation($id: ID!) { deleteApplicationLabel(applicationID: $id, key: "env") { key value } }`,
        variables: { id: application.id },
        headers,
      };
    },
    check: (data) => assert.deepEqual(data.deleteApplicationLabel, { key: "env", value: "dev" }),
  },
  {
    field: "requestClientCredentialsForApplication",
    kind: "write",
    prepare: async () => {
      const { application, headers } = await newApplication();
      return {
        query: `mutation($id: ID!) { requestClientCredentialsForApplication(id: $id) { id referenceObjectId } }`,
        variables: { id: application.id },
        headers,
      };
    },
    check: (data, _role, call) => assert.equal(data.requestClientCredentialsForApplication.referenceObjectId, call.variables!.id),
  },
  {
    field: "deleteSystemAuthForApplication",
    kind: "write",
    prepare: async () => {
      const { application, headers, tenant } = await newApplication();
      const auth = await requestObjectCredentials(app.db, app.admin.principal, tenant, "APPLICATION", application.id);
      return { query: `mutation($id: ID!) { deleteSystemAuthForApplication(authID: $id) { id } }`, variables: { id: auth.id }, headers };
    },
    check: async (_data, _role, call) => assert.equal(await app.db.systemAuth.count({ where: { id: call.variables!.id as string } }), 0),
  },
  {
    field: "labelDefinitions",
    kind: "read",
    prepare: async () => {
      const tenant = await newTenant();
      await createLabelDefinition(app.db, app.admin.principal, tenant, { key: "env", schema: `{"type":"string"}` });
      return { query: `{ labelDefinitions { key schema } }`, headers: { tenant: tenant.id } };
    },
    check: (data) => assert.deepEqual(data.labelDefinitions, [{ key: "env", schema: `{"type":"string"}` }]),
  },
  {
    field: "labelDefinition",
    kind: "read",
    prepare: async () => {
      const tenant = await newTenant();
      await createLabelDefinition(app.db, app.admin.principal, tenant, { key: "env" });
      return { query: `{ labelDefinition(key: "env") { key schema } }`, headers: { tenant: tenant.id } };
    },
    check: (data) => assert.deepEqual(data.labelDefinition, { key: "env", schema: null }),
  },
  {
    field: "createLabelDefinition",
    kind: "write",
    prepare: async () => ({ query: `mutation { createLabelDefinition(in: { key: "env" }) { key } }`, headers: { tenant: (await newTenant()).id } }),
    check: async (_data, _role, call) => assert.equal(await app.db.labelDefinition.count({ where: { tenantId: call.headers!.tenant } }), 1),
  },
  {
    field: "updateLabelDefinition",
    kind: "write",
    prepare: async () => {
      const tenant = await newTenant();
      await createLabelDefinition(app.db, app.admin.principal, tenant, { key: "env" });
      return { query: `mutation { updateLabelDefinition(in: { key: "env", schema: "true" }) { schema } }`, headers: { tenant: tenant.id } };
    },
    check: (data) => assert.equal(data.updateLabelDefinition.schema, "true"),
  },
  {
    field: "deleteLabelDefinition",
    kind: "write",
    prepare: async () => {
      const tenant = await newTenant();
      await createLabelDefinition(app.db, app.admin.principal, tenant, { key: "env" });
      return { query: `mutation { deleteLabelDefinition(key: "env") { key } }`, headers: { tenant: tenant.id } };
    },
    check: async (_data, _role, call) => assert.equal(await app.db.labelDefinition.count({ where: { tenantId: call.headers!.tenant } }), 0),
  },
  // Issue 22: webhooks, with the rights over their owner (integration systems in objects-matrix.api.test.ts).
  {
    field: "addWebhook",
    kind: "write",
    prepare: async () => {
      const { application, headers } = await newApplication();
      return {
        query: `mutation($id: ID) { addWebhook(applicationID: $id, in: { type: CONFIGURATION_CHANGED, url: "https://hooks.example.com/m" }) { id applicationID url } }`,
        variables: { id: application.id },
        headers,
      };
    },
    check: async (data, _role, call) => {
      assert.equal(data.addWebhook.applicationID, call.variables!.id);
      assert.equal((await app.db.webhook.findUniqueOrThrow({ where: { id: data.addWebhook.id } })).url, "https://hooks.example.com/m");
    },
  },
  {
    field: "updateWebhook",
    kind: "write",
    prepare: async () => {
      const { application, tenant, headers } = await newApplication();
      const webhook = await addWebhook(
        app.db,
        app.admin.principal,
        tenant,
        { kind: APPLICATION, arg: "applicationID", id: application.id },
        {
          type: "CONFIGURATION_CHANGED",
          url: "https://hooks.example.com/before",
        },
      );
      return {
        query: `mutation($id: ID!) { updateWebhook(webhookID: $id, in: { type: CONFIGURATION_CHANGED, url: "https://hooks.example.com/after" }) { url } }`,
        variables: { id: webhook.id },
        headers,
      };
    },
    check: async (data, _role, call) => {
      assert.equal(data.updateWebhook.url, "https://hooks.example.com/after");
      assert.equal((await app.db.webhook.findUniqueOrThrow({ where: { id: call.variables!.id as string } })).url, "https://hooks.example.com/after");
    },
  },
  {
    field: "deleteWebhook",
    kind: "write",
    prepare: async () => {
      const { application, tenant, headers } = await newApplication();
      const webhook = await addWebhook(
        app.db,
        app.admin.principal,
        tenant,
        { kind: APPLICATION, arg: "applicationID", id: application.id },
        {
          type: "CONFIGURATION_CHANGED",
          url: "https://hooks.example.com/doomed",
        },
      );
      return { query: `mutation($id: ID!) { deleteWebhook(webhookID: $id) { id } }`, variables: { id: webhook.id }, headers };
    },
    check: async (_data, _role, call) => assert.equal(await app.db.webhook.count({ where: { id: call.variables!.id as string } }), 0),
  },
  // Issue 25: one-time tokens (admins, and the managing integration system: test/one-time-tokens.api.test.ts).
  {
    field: "requestOneTimeTokenForApplication",
    kind: "write",
    prepare: async () => {
      const { application, headers } = await newApplication();
      return { query: `mutation($id: ID!) { requestOneTimeTokenForApplication(id: $id) { token expiresAt } }`, variables: { id: application.id }, headers };
    },
    check: async (data) => {
      recordSecret(data.requestOneTimeTokenForApplication.token);
      assert.equal(await app.db.oneTimeToken.count({ where: { tokenHash: sha256(data.requestOneTimeTokenForApplication.token) } }), 1);
    },
  },
  {
    field: "requestOneTimeTokenForRuntime",
    kind: "write",
    prepare: async () => {
      const { runtime, headers } = await newRuntime();
      return { query: `mutation($id: ID!) { requestOneTimeTokenForRuntime(id: $id) { token expiresAt } }`, variables: { id: runtime.id }, headers };
    },
    check: async (data) => {
      recordSecret(data.requestOneTimeTokenForRuntime.token);
      assert.equal(await app.db.oneTimeToken.count({ where: { tokenHash: sha256(data.requestOneTimeTokenForRuntime.token) } }), 1);
    },
  },
  {
    field: "issuedCertificates",
    kind: "admin-read",
    prepare: async () => {
      const { serial, ownerId } = await newIssuedCertificate();
      return { query: `query($id: ID!) { issuedCertificates(objectID: $id) { serial revokedAt } }`, variables: { id: ownerId, serial } };
    },
    check: (data, _role, call) => assert.deepEqual(data.issuedCertificates, [{ serial: call.variables!.serial, revokedAt: null }]),
  },
  {
    field: "revokeIssuedCertificate",
    kind: "write",
    prepare: async () => {
      const { serial } = await newIssuedCertificate();
      return { query: `mutation($serial: String!) { revokeIssuedCertificate(serial: $serial) { serial } }`, variables: { serial } };
    },
    check: async (_data, _role, call) =>
      assert.ok((await app.db.issuedCertificate.findUniqueOrThrow({ where: { serial: call.variables!.serial as string } })).revokedAt),
  },
  // Issue 25: certificate subject mappings, admins only (reads too: they say who an outside certificate is).
  {
    field: "certificateSubjectMappings",
    kind: "admin-read",
    prepare: async () => {
      await newSubjectMapping();
      return { query: `{ certificateSubjectMappings(first: 200) { totalCount data { id } } }` };
    },
    check: async (data) => assert.equal(data.certificateSubjectMappings.totalCount, await app.db.certificateSubjectMapping.count()),
  },
  {
    field: "certificateSubjectMapping",
    kind: "admin-read",
    prepare: async () => {
      const mapping = await newSubjectMapping();
      return { query: `query($id: ID!) { certificateSubjectMapping(id: $id) { id subject } }`, variables: { id: mapping.id } };
    },
    check: (data, _role, call) => assert.equal(data.certificateSubjectMapping.id, call.variables!.id),
  },
  {
    field: "createCertificateSubjectMapping",
    kind: "write",
    prepare: async () => ({
      query: `mutation($in: CertificateSubjectMappingInput!) { createCertificateSubjectMapping(in: $in) { id subject } }`,
      variables: { in: { subject: subjectOf(unique("created")), consumerType: "Integration System", tenantAccessLevels: ["account"] } },
    }),
    check: async (data) => assert.ok(await app.db.certificateSubjectMapping.findUnique({ where: { id: data.createCertificateSubjectMapping.id } })),
  },
  {
    field: "updateCertificateSubjectMapping",
    kind: "write",
    prepare: async () => {
      const mapping = await newSubjectMapping();
      return {
        query: `mutation($id: ID!, $in: CertificateSubjectMappingInput!) { updateCertificateSubjectMapping(id: $id, in: $in) { consumerType } }`,
        variables: { id: mapping.id, in: { subject: mapping.subject, consumerType: "Runtime", tenantAccessLevels: ["customer"] } },
      };
    },
    check: async (_data, _role, call) =>
      assert.equal((await app.db.certificateSubjectMapping.findUniqueOrThrow({ where: { id: call.variables!.id as string } })).consumerType, "Runtime"),
  },
  {
    field: "deleteCertificateSubjectMapping",
    kind: "write",
    prepare: async () => {
      const mapping = await newSubjectMapping();
      return { query: `mutation($id: ID!) { deleteCertificateSubjectMapping(id: $id) { id } }`, variables: { id: mapping.id } };
    },
    check: async (_data, _role, call) => assert.equal(await app.db.certificateSubjectMapping.count({ where: { id: call.variables!.id as string } }), 0),
  },
  // Formation templates (decision 0036): global, read by every role, written by admins.
  {
    field: "formationTemplates",
    kind: "read",
    prepare: async () => ({
      query: `query($n: String!) { formationTemplatesByName(name: $n) { totalCount } formationTemplates { totalCount } }`,
      variables: { n: (await newFormationTemplate()).name },
    }),
    check: (data) => assert.equal(data.formationTemplatesByName.totalCount, 1),
  },
  {
    field: "formationTemplatesByName",
    kind: "read",
    prepare: async () => ({
      query: `query($n: String!) { formationTemplatesByName(name: $n) { data { name } } }`,
      variables: { n: (await newFormationTemplate()).name },
    }),
    check: (data, _role, call) => assert.deepEqual(data.formationTemplatesByName.data, [{ name: call.variables!.n }]),
  },
  {
    field: "formationTemplate",
    kind: "read",
    prepare: async () => ({ query: `query($id: ID!) { formationTemplate(id: $id) { id } }`, variables: { id: (await newFormationTemplate()).id } }),
    check: (data, _role, call) => assert.equal(data.formationTemplate.id, call.variables!.id),
  },
  {
    field: "createFormationTemplate",
    kind: "write",
    prepare: async () => ({
      query: `mutation($in: FormationTemplateRegisterInput!) { createFormationTemplate(in: $in) { id } }`,
      variables: { in: { name: unique("matrix formation template"), applicationTypes: ["app-type"] } },
    }),
    check: async (data) => assert.ok(await app.db.formationTemplate.findUnique({ where: { id: data.createFormationTemplate.id } })),
  },
  {
    field: "updateFormationTemplate",
    kind: "write",
    prepare: async () => ({
      query: `mutation($id: ID!, $in: FormationTemplateUpdateInput!) { updateFormationTemplate(id: $id, in: $in) { id name } }`,
      variables: { id: (await newFormationTemplate()).id, in: { name: unique("matrix renamed formation template"), applicationTypes: ["b"] } },
    }),
    check: async (data, _role, call) =>
      assert.equal((await app.db.formationTemplate.findUniqueOrThrow({ where: { id: call.variables!.id as string } })).name, data.updateFormationTemplate.name),
  },
  {
    field: "deleteFormationTemplate",
    kind: "write",
    prepare: async () => ({ query: `mutation($id: ID!) { deleteFormationTemplate(id: $id) { id } }`, variables: { id: (await newFormationTemplate()).id } }),
    check: async (_data, _role, call) => assert.equal(await app.db.formationTemplate.findUnique({ where: { id: call.variables!.id as string } }), null),
  },
  {
    field: "setFormationTemplateLabel",
    kind: "write",
    prepare: async () => ({
      query: `mutation($id: ID!) { setFormationTemplateLabel(formationTemplateID: $id, in: { key: "k", value: "v" }) { key } }`,
      variables: { id: (await newFormationTemplate()).id },
    }),
    check: async (_data, _role, call) =>
      assert.equal((await app.db.formationTemplate.findUniqueOrThrow({ where: { id: call.variables!.id as string } })).labels, `{"k":"v"}`),
  },
  {
    field: "deleteFormationTemplateLabel",
    kind: "write",
    prepare: async () => {
      const template = await newFormationTemplate();
      await setFormationTemplateLabel(app.db, app.admin.principal, template.id, "k", "v");
      return { query: `mutation($id: ID!) { deleteFormationTemplateLabel(formationTemplateID: $id, key: "k") { key } }`, variables: { id: template.id } };
    },
    check: async (_data, _role, call) =>
      assert.equal((await app.db.formationTemplate.findUniqueOrThrow({ where: { id: call.variables!.id as string } })).labels, "{}"),
  },
  // Formations (decision 0036): per tenant, read by every role, written by admins.
  ...(["formation", "formationByName", "formations", "formationsForObject"] as const).map(
    (field): Operation => ({
      field,
      kind: "read",
      prepare: async () => {
        const { formation, headers, applicationId } = await newFormation(true);
        const queries = {
          formation: `query($id: ID!) { formation(id: $id) { id } }`,
          formationByName: `query($name: String!) { formationByName(name: $name) { id } }`,
          formations: `{ formations { data { id } } }`,
          formationsForObject: `query($app: String!) { formationsForObject(objectID: $app) { id } }`,
        };
        return { query: queries[field], variables: { id: formation.id, name: formation.name, app: applicationId }, headers };
      },
      check: (data, _role, call) => {
        const answered = data[field];
        const ids = Array.isArray(answered)
          ? answered.map((f: { id: string }) => f.id)
          : answered.data
            ? answered.data.map((f: { id: string }) => f.id)
            : [answered.id];
        assert.deepEqual(ids, [call.variables!.id]);
      },
    }),
  ),
  ...(["automaticScenarioAssignments", "automaticScenarioAssignmentForScenario", "automaticScenarioAssignmentsForSelector"] as const).map(
    (field): Operation => ({
      field,
      kind: "read",
      prepare: async () => {
        const { formation, headers, tenant } = await newFormation(false);
        await assignFormation(app.db, app.admin.principal, tenant, { objectID: tenant.externalId, objectType: "TENANT", formation: { name: formation.name } });
        const queries = {
          automaticScenarioAssignments: `{ automaticScenarioAssignments { data { scenarioName } } }`,
          automaticScenarioAssignmentForScenario: `query($name: String!) { automaticScenarioAssignmentForScenario(scenarioName: $name) { scenarioName } }`,
          automaticScenarioAssignmentsForSelector: `query($ext: String!) { automaticScenarioAssignmentsForSelector(selector: { key: "global_subaccount_id", value: $ext }) { scenarioName } }`,
        };
        return { query: queries[field], variables: { name: formation.name, ext: tenant.externalId }, headers };
      },
      check: (data, _role, call) => {
        const answered = data[field];
        const names = Array.isArray(answered) ? answered : answered.data ? answered.data : [answered];
        assert.deepEqual(names, [{ scenarioName: call.variables!.name }]);
      },
    }),
  ),
  {
    field: "createFormation",
    kind: "write",
    prepare: async () => ({
      query: `mutation($name: String!) { createFormation(formation: { name: $name }) { id } }`,
      variables: { name: `matrix-${randomBytes(4).toString("hex")}` },
      headers: { tenant: (await newTenant()).externalId },
    }),
    check: async (data) => assert.ok(await app.db.formation.findUnique({ where: { id: data.createFormation.id } })),
  },
  {
    field: "deleteFormation",
    kind: "write",
    prepare: async () => {
      const { formation, headers } = await newFormation(false);
      return { query: `mutation($name: String!) { deleteFormation(formation: { name: $name }) { id } }`, variables: { name: formation.name }, headers };
    },
    check: async (data) => assert.equal(await app.db.formation.count({ where: { id: data.deleteFormation.id } }), 0),
  },
  ...(["assignFormation", "unassignFormation", "unassignFormationGlobal"] as const).map(
    (field): Operation => ({
      field,
      kind: "write",
      prepare: async () => {
        const { formation, headers, applicationId } = await newFormation(field !== "assignFormation");
        const queries = {
          assignFormation: `mutation($app: ID!, $name: String!) { assignFormation(objectID: $app, objectType: APPLICATION, formation: { name: $name }) { id } }`,
          unassignFormation: `mutation($app: ID!, $name: String!) { unassignFormation(objectID: $app, objectType: APPLICATION, formation: { name: $name }) { id } }`,
          unassignFormationGlobal: `mutation($app: ID!, $id: ID!) { unassignFormationGlobal(objectID: $app, objectType: APPLICATION, formation: $id) { id } }`,
        };
        return { query: queries[field], variables: { app: applicationId, name: formation.name, id: formation.id }, headers };
      },
      check: async (_data, _role, call) => {
        const label = await app.db.label.findUnique({ where: { objectId_key: { objectId: call.variables!.app as string, key: "scenarios" } } });
        assert.deepEqual(label?.value ?? null, field === "assignFormation" ? [call.variables!.name] : null);
      },
    }),
  ),
  {
    field: "resynchronizeFormationNotifications",
    kind: "write",
    prepare: async () => {
      const { formation, headers } = await newFormation(false);
      return { query: `mutation($id: ID!) { resynchronizeFormationNotifications(formationID: $id) { id } }`, variables: { id: formation.id }, headers };
    },
    check: (data, _role, call) => assert.equal(data.resynchronizeFormationNotifications.id, call.variables!.id),
  },
  // Formation constraints (decision 0036): global, read by every role, written by admins.
  ...(["formationConstraints", "formationConstraint", "formationConstraintsByFormationType"] as const).map(
    (field): Operation => ({
      field,
      kind: "read",
      prepare: async () => {
        const { constraint, template } = await newAttachedConstraint();
        const queries = {
          formationConstraints: `{ formationConstraints { id } }`,
          formationConstraint: `query($id: ID!) { formationConstraint(id: $id) { id } }`,
          formationConstraintsByFormationType: `query($t: ID!) { formationConstraintsByFormationType(formationTemplateID: $t) { id } }`,
        };
        return { query: queries[field], variables: { id: constraint.id, t: template.id } };
      },
      check: (data, _role, call) => {
        const ids = [data[field]].flat().map((c: { id: string }) => c.id);
        assert.ok(ids.includes(call.variables!.id as string));
      },
    }),
  ),
  {
    field: "createFormationConstraint",
    kind: "write",
    prepare: async () => ({
      query: `mutation($in: FormationConstraintInput!) { createFormationConstraint(formationConstraint: $in) { id } }`,
      variables: { in: { ...constraintInput, name: unique("matrix constraint") } },
    }),
    check: async (data) => assert.ok(await app.db.formationConstraint.findUnique({ where: { id: data.createFormationConstraint.id } })),
  },
  {
    field: "updateFormationConstraint",
    kind: "write",
    prepare: async () => ({
      query: `mutation($id: ID!) { updateFormationConstraint(id: $id, in: { inputTemplate: "{}", priority: 3 }) { id } }`,
      variables: { id: (await newAttachedConstraint()).constraint.id },
    }),
    check: async (_data, _role, call) =>
      assert.equal((await app.db.formationConstraint.findUniqueOrThrow({ where: { id: call.variables!.id as string } })).priority, 3),
  },
  {
    field: "deleteFormationConstraint",
    kind: "write",
    prepare: async () => ({
      query: `mutation($id: ID!) { deleteFormationConstraint(id: $id) { id } }`,
      variables: { id: (await newAttachedConstraint()).constraint.id },
    }),
    check: async (_data, _role, call) => assert.equal(await app.db.formationConstraint.count({ where: { id: call.variables!.id as string } }), 0),
  },
  ...(["attachConstraintToFormationTemplate", "detachConstraintFromFormationTemplate"] as const).map(
    (field): Operation => ({
      field,
      kind: "write",
      prepare: async () => {
        const { constraint, template } = field === "attachConstraintToFormationTemplate" ? await newConstraint() : await newAttachedConstraint();
        return {
          query: `mutation($c: ID!, $t: ID!) { ${field}(constraintID: $c, formationTemplateID: $t) { constraintID } }`,
          variables: { c: constraint.id, t: template.id },
        };
      },
      check: async (_data, _role, call) =>
        assert.equal(
          await app.db.formationTemplateConstraint.count({ where: { constraintId: call.variables!.c as string } }),
          field === "attachConstraintToFormationTemplate" ? 1 : 0,
        ),
    }),
  ),
  // Operations (decision 0036): global; read with application:read, rescheduled with application:write.
  {
    field: "operation",
    kind: "read",
    prepare: async () => ({ query: `query($id: ID!) { operation(id: $id) { id status } }`, variables: { id: (await newOperation()).id } }),
    check: (data, _role, call) => assert.deepEqual(data.operation, { id: call.variables!.id, status: "SCHEDULED" }),
  },
  {
    field: "scheduleOperation",
    kind: "write",
    prepare: async () => ({
      query: `mutation($id: ID!) { scheduleOperation(operationID: $id, priority: 5) { id } }`,
      variables: { id: (await newOperation()).id },
    }),
    check: async (_data, _role, call) =>
      assert.equal((await app.db.scheduledOperation.findUniqueOrThrow({ where: { id: call.variables!.id as string } })).priority, 5),
  },
];

test("the matrix covers every query and mutation in the schema", async () => {
  const data = await app.ok<any>(`{ query: __type(name: "Query") { fields { name } } mutation: __type(name: "Mutation") { fields { name } } }`);
  const inSchema = [...data.query.fields, ...data.mutation.fields].map((field: { name: string }) => field.name).sort();
  assert.deepEqual(operations.map((operation) => operation.field).sort(), inSchema);
});

const callers: { name: string; role: Role | null; as: () => Promise<Caller | { cookie: string } | null> }[] = [
  { name: "anonymous", role: null, as: async () => null },
  { name: "VIEWER (API token)", role: "VIEWER", as: async () => app.viewer },
  { name: "VIEWER (session)", role: "VIEWER", as: async () => ({ cookie: await sessionOf("VIEWER") }) },
  { name: "ADMIN (API token)", role: "ADMIN", as: async () => app.admin },
  { name: "ADMIN (session)", role: "ADMIN", as: async () => ({ cookie: await sessionOf("ADMIN") }) },
];

for (const operation of operations) {
  for (const caller of callers) {
    const adminOnly = operation.kind === "admin-read" || operation.kind === "write";
    const expected = !caller.role ? "401 UNAUTHENTICATED" : caller.role === "VIEWER" && adminOnly ? "FORBIDDEN" : "allowed";
    test(`${operation.field} (${operation.kind}) as ${caller.name}: ${expected}`, async () => {
      const call = await operation.prepare(caller.role === "VIEWER" ? app.viewer : app.admin);
      const as = await caller.as();
      const before = await snapshot();
      const response = await app.graphql(call.query, call.variables, as && call.headers ? { ...as, headers: call.headers } : as);
      if (!caller.role) {
        assertUnauthenticated(response);
        assert.equal(response.headers.get("www-authenticate"), "Bearer");
        await assertUnchanged(before, `an anonymous ${operation.field}`);
      } else if (caller.role === "VIEWER" && adminOnly) {
        assert.equal(response.status, 200);
        const error = onlyError(response);
        assert.equal(error.extensions.code, "FORBIDDEN", error.message);
        assert.deepEqual((error as { path?: string[] }).path, [operation.field]);
        assert.equal(response.body.data, null);
        await assertUnchanged(before, `a VIEWER's ${operation.field}`);
      } else {
        assert.equal(response.status, 200);
        assert.equal(response.body.errors, undefined, JSON.stringify(response.body.errors));
        await operation.check(response.body.data, caller.role, call);
      }
    });
  }
}

// ---------------------------------------------------------------------------
// GraphiQL and introspection

test("GraphiQL: anonymous browsers are redirected to the login page; signed-in users get it", async () => {
  const anonymous = await app.server.fetch(`${TEST_ORIGIN}/api/graphql`, { headers: { accept: "text/html,application/xhtml+xml" } });
  assert.equal(anonymous.status, 302);
  assert.match(anonymous.headers.get("location")!, /^\/login(\?|$)/);
  assert.ok(!(await anonymous.text()).includes("<html"));

  const cookie = await sessionOf("VIEWER");
  const signedIn = await app.server.fetch(`${TEST_ORIGIN}/api/graphql`, { headers: { accept: "text/html", cookie } });
  assert.equal(signedIn.status, 200);
  assert.match(signedIn.headers.get("content-type")!, /^text\/html/);
  assert.match(await signedIn.text(), /<html/i);

  // An expired or forged session is no login either: back to the login page.
  const stale = await app.server.fetch(`${TEST_ORIGIN}/api/graphql`, { headers: { accept: "text/html", cookie: `${SESSION_COOKIE}=x.y` } });
  assert.equal(stale.status, 302);
  assert.match(stale.headers.get("location")!, /^\/login(\?|$)/);
  // Anonymous GETs for data get 401, not a page.
  const query = await app.server.fetch(`${TEST_ORIGIN}/api/graphql?query=${encodeURIComponent("{ __typename }")}`, { headers: { accept: "application/json" } });
  assert.equal(query.status, 401);
});

const INTROSPECTION = `{ __schema { queryType { name } mutationType { name } types { name } } }`;

test("introspection is closed to anonymous callers and open to every signed-in one", async () => {
  assertUnauthenticated(await app.graphql(INTROSPECTION, {}, null));
  assertUnauthenticated(await app.graphql(`{ __typename }`, {}, null));
  for (const as of [app.viewer, app.admin, { cookie: await sessionOf("VIEWER") }]) {
    const response = await app.graphql(INTROSPECTION, {}, as);
    assert.equal(response.status, 200);
    assert.equal(response.body.data!.__schema.queryType.name, "Query");
    assert.ok(response.body.data!.__schema.types.some((type: { name: string }) => type.name === "IntegrationSystem"));
  }
});
