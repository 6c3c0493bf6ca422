/**
 * Issue 23, item 2: specs and documents fetched from their fetch request's
 * URL, through lib/outbound-fetch.ts (its own tests prove the SSRF refusals
 * one by one: lib/outbound-fetch.test.ts). Here, end to end: a spec server on
 * 127.0.0.1, which this file's operator settings allow (WEBHOOK_ALLOWED_HOSTS
 * and SPEC_FETCH_ALLOW_HTTP), serves what the API stores; a wrong content
 * type, a huge body and a slow body are recorded as FAILED on the fetch
 * request and never fail the mutation; refetchAPISpec fetches again; and with
 * the default settings (no exceptions, https only) the same URLs are refused.
 * Runs on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, test } from "node:test";
import { registerApplication } from "@/domain/applications/application.service";
import { createTenant } from "@/domain/tenants/tenant.service";
import { API_DEFINITION } from "@/domain/tenant-objects/kinds/api-definition";
import { registerObject } from "@/domain/tenant-objects/tenant-object.service";
import { MAX_SPEC_BYTES } from "@/domain/catalog/catalog-rules";
import { NO_WEBHOOK_EXCEPTIONS } from "@/lib/webhook-hosts";
import { setupTestApp } from "./harness";

let openapi = '{"openapi":"3.0.0","info":{"title":"Orders","version":"1"}}';
const server = http.createServer((request, response) => {
  switch (request.url) {
    case "/openapi.json":
      return response.writeHead(200, { "content-type": "application/json" }).end(openapi);
    case "/moved":
      return response.writeHead(302, { location: "/openapi.json" }).end();
    case "/readme.md":
      return response.writeHead(200, { "content-type": "text/markdown; charset=utf-8" }).end("# Orders\n\nCall it.");
    case "/page.html":
      return response.writeHead(200, { "content-type": "text/html" }).end("<html></html>");
    case "/huge.json":
      response.writeHead(200, { "content-type": "application/json" });
      return response.end("x".repeat(MAX_SPEC_BYTES + 1));
    case "/slow.json":
      // Headers at once, then a body that never ends.
      response.writeHead(200, { "content-type": "application/json" });
      return response.write("{");
    default:
      return response.writeHead(404).end();
  }
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
after(() => {
  server.closeAllConnections();
  server.close();
});

process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
process.env.SPEC_FETCH_ALLOW_HTTP = "true";
process.env.SPEC_FETCH_TIMEOUT_MS = "1500";
const app = await setupTestApp();
const tenant = await createTenant(app.db, app.admin.principal, { externalId: "spec-fetch", name: "Spec Fetch" });
const headers = { tenant: tenant.externalId };
const application = await registerApplication(app.db, app.admin.principal, tenant, { name: "shop" });

const SPEC = `spec { id data type format fetchRequest { url status { condition message timestamp } } }`;
async function addApi(path: string) {
  const response = await app.graphql(
    `mutation($id: ID!, $in: APIDefinitionInput!) { r: addAPIDefinitionToApplication(appID: $id, in: $in) { id ${SPEC} } }`,
    {
      id: application.id,
      in: {
        name: `api ${path}`,
        targetURL: "https://orders.example.com",
        spec: { type: "OPEN_API", format: "JSON", fetchRequest: { url: `${origin}${path}` } },
      },
    },
    { token: app.admin.token, headers },
  );
  assert.equal(response.body.errors, undefined, JSON.stringify(response.body.errors));
  return (response.body.data as any).r as {
    id: string;
    spec: { id: string; data: string | null; fetchRequest: { status: { condition: string; message: string | null } } };
  };
}

test("a spec is fetched after the commit and stored with SUCCEEDED; a redirect is followed; refetchAPISpec fetches again", async () => {
  const api = await addApi("/openapi.json");
  assert.equal(api.spec.data, openapi);
  assert.equal(api.spec.fetchRequest.status.condition, "SUCCEEDED");
  assert.equal((await addApi("/moved")).spec.data, openapi);

  openapi = '{"openapi":"3.0.0","info":{"title":"Orders","version":"2"}}';
  const refetched = await app.graphql(
    `mutation($id: ID!) { refetchAPISpec(apiID: $id) { id data fetchRequest { status { condition } } } }`,
    { id: api.id },
    {
      token: app.admin.token,
      headers,
    },
  );
  assert.deepEqual((refetched.body.data as any).refetchAPISpec, { id: api.spec.id, data: openapi, fetchRequest: { status: { condition: "SUCCEEDED" } } });
});

test("a document's text is fetched too", async () => {
  const bundle = await app.graphql(
    `mutation($id: ID!, $in: BundleCreateInput!) { addBundle(applicationID: $id, in: $in) { documents { data { data fetchRequest { status { condition } } } } } }`,
    {
      id: application.id,
      in: {
        name: "docs",
        documents: [{ title: "Readme", displayName: "Readme", description: "d", format: "MARKDOWN", fetchRequest: { url: `${origin}/readme.md` } }],
      },
    },
    { token: app.admin.token, headers },
  );
  assert.deepEqual((bundle.body.data as any).addBundle.documents.data, [
    { data: "# Orders\n\nCall it.", fetchRequest: { status: { condition: "SUCCEEDED" } } },
  ]);
});

test("a wrong content type, a huge body and a slow body are FAILED with a reason, and the mutation succeeds", async () => {
  for (const [path, reason] of [
    ["/page.html", /content type|text\/html/i],
    ["/huge.json", /large|bytes/i],
    ["/slow.json", /within [0-9]+ ms|time/i],
    ["/missing.json", /404|status/i],
  ] as const) {
    const started = Date.now();
    const api = await addApi(path);
    assert.equal(api.spec.data, null, path);
    assert.equal(api.spec.fetchRequest.status.condition, "FAILED", path);
    assert.match(api.spec.fetchRequest.status.message ?? "", reason, path);
    assert.ok(Date.now() - started < 5000, `${path}: answered within the fetch's deadline`);
  }
});

test("without the operator's exceptions the same URLs are refused: loopback, and plain http", async () => {
  const strict = { outbound: { policy: NO_WEBHOOK_EXCEPTIONS, allowHttp: false, timeoutMs: 1500 } };
  for (const url of [
    `${origin}/openapi.json`,
    `https://127.0.0.1:${new URL(origin).port}/openapi.json`,
    "https://10.0.0.8/spec.json",
    "https://169.254.169.254/latest",
  ]) {
    const api = await registerObject(
      API_DEFINITION,
      app.db,
      app.admin.principal,
      tenant,
      { name: "strict", targetURL: "https://orders.example.com", spec: { type: "OPEN_API", format: "JSON", fetchRequest: { url } } },
      application.id,
      strict,
    );
    const request = JSON.parse(api.fetchRequest!);
    assert.equal(request.status.condition, "FAILED", url);
    assert.match(request.status.message, /refused|not allowed|not a public address|private|loopback|link-local|http/i, url);
    assert.equal(api.specData, null);
  }
});
