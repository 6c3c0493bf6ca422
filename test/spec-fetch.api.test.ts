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
/** The OAuth client the token endpoints know, and the token they give it. */
const CLIENT = { id: "spec-reader", secret: "s3cret:with/odd chars" };
const ACCESS_TOKEN = "tok-abc.123";
const tokenRequests: { path: string; authorization: string | undefined; form: Record<string, string> }[] = [];

/** A token endpoint: `/token` takes the client in HTTP Basic (form-encoded first, RFC 6749 2.3.1); `/token-form` only in the form. */
async function answerTokenRequest(request: http.IncomingMessage, response: http.ServerResponse) {
  let body = "";
  for await (const chunk of request) body += chunk;
  const form = Object.fromEntries(new URLSearchParams(body));
  tokenRequests.push({ path: request.url!, authorization: request.headers.authorization, form });
  const viaBasic =
    request.url === "/token" &&
    request.headers.authorization === `Basic ${Buffer.from(`${encodeURIComponent(CLIENT.id)}:${encodeURIComponent(CLIENT.secret)}`).toString("base64")}`;
  const viaForm = form.client_id === CLIENT.id && form.client_secret === CLIENT.secret;
  if (request.method !== "POST" || form.grant_type !== "client_credentials" || !(viaBasic || viaForm)) {
    return response.writeHead(401, { "content-type": "application/json" }).end('{"error":"invalid_client"}');
  }
  return response
    .writeHead(200, { "content-type": "application/json" })
    .end(JSON.stringify({ access_token: ACCESS_TOKEN, token_type: "bearer", expires_in: 300 }));
}

const server = http.createServer((request, response) => {
  switch (request.url) {
    case "/token":
    case "/token-form":
      return void answerTokenRequest(request, response);
    case "/token-elsewhere":
      return response.writeHead(307, { location: "/token" }).end();
    case "/protected.json":
      if (request.headers.authorization !== `Bearer ${ACCESS_TOKEN}`) return response.writeHead(401).end();
      return response.writeHead(200, { "content-type": "application/json" }).end(openapi);
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
async function addApi(path: string, auth?: unknown) {
  const response = await app.graphql(
    `mutation($id: ID!, $in: APIDefinitionInput!) { r: addAPIDefinitionToApplication(appID: $id, in: $in) { id ${SPEC} } }`,
    {
      id: application.id,
      in: {
        name: `api ${path}`,
        targetURL: "https://orders.example.com",
        spec: { type: "OPEN_API", format: "JSON", fetchRequest: { url: `${origin}${path}`, ...(auth ? { auth } : {}) } },
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

test("OAuth client credentials are exchanged for a token at their URL, which the fetch then sends as Bearer", async () => {
  const oauth = (path: string, clientSecret = CLIENT.secret) => ({ credential: { oauth: { clientId: CLIENT.id, clientSecret, url: `${origin}${path}` } } });
  tokenRequests.length = 0;
  const viaBasic = await addApi("/protected.json", oauth("/token"));
  assert.equal(viaBasic.spec.fetchRequest.status.condition, "SUCCEEDED", viaBasic.spec.fetchRequest.status.message ?? "");
  assert.equal(viaBasic.spec.data, openapi);
  assert.deepEqual(
    tokenRequests.map(({ path, form }) => [path, form]),
    [["/token", { grant_type: "client_credentials" }]],
    "one token request, the client in HTTP Basic only",
  );

  // A token endpoint that wants the client in the form gets it there, on the second try.
  tokenRequests.length = 0;
  const viaForm = await addApi("/protected.json", oauth("/token-form"));
  assert.equal(viaForm.spec.fetchRequest.status.condition, "SUCCEEDED", viaForm.spec.fetchRequest.status.message ?? "");
  assert.deepEqual(tokenRequests[1], {
    path: "/token-form",
    authorization: undefined,
    form: { grant_type: "client_credentials", client_id: CLIENT.id, client_secret: CLIENT.secret },
  });

  // Refused credentials and a redirected token request fail the fetch, named, and the secret is nowhere in it.
  for (const [path, secret, reason] of [
    ["/token", "wrong", /While getting an OAuth token: .*\/token answered 401/],
    ["/token-elsewhere", CLIENT.secret, /While getting an OAuth token: .*307 \(a redirect\); a form post is not redirected/],
    ["/openapi.json", CLIENT.secret, /While getting an OAuth token: .*no usable access_token/],
  ] as const) {
    const failed = await addApi("/protected.json", oauth(path, secret));
    assert.equal(failed.spec.fetchRequest.status.condition, "FAILED", path);
    assert.match(failed.spec.fetchRequest.status.message ?? "", reason, path);
    assert.ok(!JSON.stringify(failed).includes(secret), "the secret stays out of what is answered");
    assert.equal(failed.spec.data, null);
  }
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
