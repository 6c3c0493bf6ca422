/**
 * Issue 25, item 2: the Connector, built in, at /connector/graphql on the server's own listener (the fast
 * path). Compass's client documents (tests/pkg/clients/query.go, `configuration()` with empty parentheses)
 * sent with the `Connector-Token` header: configuration spends the one-time token and hands out a signing
 * token and the subject; a CSR with that subject (all six attributes), an RSA key of 2048 bits or more, is
 * signed by the product's CA (made at first start, stored sealed); the serial, owner and expiry are
 * recorded. Each token works once, in a parallel burst too; a CSR for another subject, another key type or
 * a short key is refused without spending the token. `npm run ca:rotate`'s rotation: new certificates from
 * the new CA, the old CA still trusted.
 */
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { test } from "node:test";
import { registerApplication } from "@/domain/applications/application.service";
import { createTenant } from "@/domain/tenants/tenant.service";
import { requestOneTimeToken } from "@/domain/pairing/one-time-token.service";
import { connectorCaCertificates, ensureCertificateAuthority, rotateCertificateAuthority } from "@/domain/pairing/certificate-authority.service";
import { identifyClientCertificate } from "@/domain/pairing/client-certificates.service";
import { pairingSettings } from "@/domain/pairing/settings";
import { CONFIGURATION, REVOKE, keyAndCsr, pemBlocks, signCsrDocument } from "./pairing-support";
import { capturedLog, recordSecret, setupTestApp } from "./harness";

const app = await setupTestApp();
const settings = pairingSettings(app.instance.config);
await ensureCertificateAuthority(app.db, settings.ca);
const base = await app.listen();
const admin = app.admin.principal;
const tenant = await createTenant(app.db, admin, { externalId: "connector-tenant", name: "Connector" });
let serial = 0;

async function pairingToken() {
  const application = await registerApplication(app.db, admin, tenant, { name: `connector-app-${++serial}` });
  const issued = await requestOneTimeToken(app.db, admin, tenant, "APPLICATION", application.id, { ttlSeconds: 300 });
  recordSecret(issued.token);
  return { application, ...issued };
}

async function connector(query: string, token?: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/connector/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { "Connector-Token": token } : {}), ...headers },
    body: JSON.stringify({ query }),
  });
  const body = await response.json();
  const next = body.data?.result?.token?.token;
  if (next) recordSecret(next);
  return { status: response.status, body };
}

const SUBJECT_PARTS = "O=Org,OU=OrgUnit,L=Locality,ST=State,C=PL";

test("the whole pairing: configuration() with the one-time token, a CSR with its subject signed, the chain and the CA", async () => {
  const { token, systemAuthId, application } = await pairingToken();
  const configured = await connector(CONFIGURATION, token);
  assert.equal(configured.status, 200, JSON.stringify(configured.body));
  const configuration = configured.body.data.result;
  assert.equal(configuration.certificateSigningRequestInfo.subject, `${SUBJECT_PARTS},CN=${systemAuthId}`);
  assert.equal(configuration.certificateSigningRequestInfo.keyAlgorithm, "rsa2048");
  assert.equal(configuration.managementPlaneInfo.directorURL, `${base}/api/graphql`);
  assert.equal(configuration.managementPlaneInfo.certificateSecuredConnectorURL, null, "no TLS listener configured");
  assert.notEqual(configuration.token.token, token);

  const { csr } = await keyAndCsr(configuration.certificateSigningRequestInfo.subject);
  const signed = await connector(signCsrDocument(csr), configuration.token.token);
  assert.equal(signed.body.errors, undefined, JSON.stringify(signed.body.errors));
  const result = signed.body.data.result;
  const [clientPem, caInChain, ...rest] = pemBlocks(result.certificateChain);
  assert.equal(rest.length, 0, "the chain is the client certificate, then the CA");
  assert.equal(pemBlocks(result.clientCertificate)[0], clientPem);
  assert.equal(pemBlocks(result.caCertificate)[0], caInChain);
  const client = new X509Certificate(clientPem);
  const ca = new X509Certificate(caInChain);
  assert.ok(client.checkIssued(ca) && client.verify(ca.publicKey), "signed by the CA it names");
  assert.equal(client.subject, `O=Org\nOU=OrgUnit\nL=Locality\nST=State\nC=PL\nCN=${systemAuthId}`);
  assert.ok(ca.ca);
  // 90 days by default (CLIENT_CERTIFICATE_TTL_DAYS), recorded with the serial and the owner.
  const lifetimeDays = (Date.parse(client.validTo) - Date.now()) / 86_400_000;
  assert.ok(lifetimeDays > 89.9 && lifetimeDays <= 90, String(lifetimeDays));
  const record = await app.db.issuedCertificate.findUniqueOrThrow({ where: { serial: client.serialNumber.toLowerCase() } });
  assert.equal(record.systemAuthId, systemAuthId);
  assert.equal(record.ownerId, application.id);
  assert.equal(record.ownerType, "APPLICATION");
  assert.equal(record.revokedAt, null);
  assert.equal(Math.abs(record.expiresAt.getTime() - Date.parse(client.validTo)) < 1000, true);
  // Who it is, as the Director and the Connector see it.
  const identity = await identifyClientCertificate(app.db, client, settings.clientCertificates);
  assert.deepEqual(identity, { kind: "ISSUED", serial: record.serial, systemAuthId, ownerType: "APPLICATION", ownerId: application.id, tenantId: tenant.id });

  // Each token works once.
  const again = await connector(CONFIGURATION, token);
  assert.equal(again.status, 401);
  assert.equal(again.body.errors[0].extensions.code, "UNAUTHENTICATED");
  assert.match(again.body.errors[0].message, /unknown, already used or expired/);
  const signAgain = await connector(signCsrDocument(csr), configuration.token.token);
  assert.equal(signAgain.body.errors[0].extensions.code, "UNAUTHENTICATED");
  assert.equal(await app.db.issuedCertificate.count({ where: { systemAuthId } }), 1);
});

test("a CSR for another subject, another key type or a short key is refused, and the signing token still works after", async () => {
  const { token, systemAuthId } = await pairingToken();
  const configuration = (await connector(CONFIGURATION, token)).body.data.result;
  const signingToken = configuration.token.token;
  const cases: [string, Parameters<typeof keyAndCsr>[1], RegExp][] = [
    [`${SUBJECT_PARTS},CN=someone-else`, undefined, /CN differs/],
    [`O=Evil,OU=OrgUnit,L=Locality,ST=State,C=PL,CN=${systemAuthId}`, undefined, /O differs/],
    [`O=Org,OU=OrgUnit,L=Locality,C=PL,CN=${systemAuthId}`, undefined, /ST differs/],
    [`${SUBJECT_PARTS},OU=Extra,CN=${systemAuthId}`, undefined, /OU differs/],
    [`${SUBJECT_PARTS},CN=${systemAuthId},CN=${systemAuthId}`, undefined, /CN differs/],
    [configuration.certificateSigningRequestInfo.subject, "ec", /must be RSA/],
    [configuration.certificateSigningRequestInfo.subject, { rsaBits: 1024 }, /1024 bits/],
  ];
  for (const [subject, key, message] of cases) {
    const { csr } = await keyAndCsr(subject, key);
    const refused = await connector(signCsrDocument(csr), signingToken);
    const error = refused.body.errors?.[0];
    assert.equal(error?.extensions.code, "BAD_USER_INPUT", subject);
    assert.equal(error.extensions.field, "csr");
    assert.match(error.message, message, subject);
  }
  const brokenPem = Buffer.from("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n").toString("base64");
  for (const garbage of ["", "bm90IGEgY3Ny", brokenPem, "A".repeat(20_000)]) {
    const refused = await connector(signCsrDocument(garbage), signingToken);
    assert.equal(refused.body.errors?.[0]?.extensions.field, "csr", garbage.slice(0, 20));
  }
  assert.equal(await app.db.issuedCertificate.count({ where: { systemAuthId } }), 0, "nothing signed");
  const { csr } = await keyAndCsr(configuration.certificateSigningRequestInfo.subject);
  const signed = await connector(signCsrDocument(csr), signingToken);
  assert.equal(signed.body.errors, undefined, JSON.stringify(signed.body.errors));
});

test("a pairing token does not sign by itself, and no token at all is 401; revokeCertificate needs a certificate", async () => {
  const { token, systemAuthId } = await pairingToken();
  const { csr } = await keyAndCsr(`${SUBJECT_PARTS},CN=${systemAuthId}`);
  const direct = await connector(signCsrDocument(csr), token);
  assert.equal(direct.status, 401);
  const anonymous = await connector(CONFIGURATION);
  assert.equal(anonymous.status, 401);
  assert.match(anonymous.body.errors[0].message, /Connector-Token/);
  assert.equal((await connector(REVOKE, token)).body.errors[0].extensions.code, "UNAUTHENTICATED");
  // The pairing token was not spent by the refused signing: configuration still takes it.
  assert.equal((await connector(CONFIGURATION, token)).status, 200);
});

test("a parallel burst presenting one token to configuration(): exactly one answer", async () => {
  const { token } = await pairingToken();
  const answers = await Promise.all(Array.from({ length: 12 }, () => connector(CONFIGURATION, token)));
  assert.equal(answers.filter((answer) => answer.status === 200).length, 1);
  assert.equal(answers.filter((answer) => answer.status === 401).length, 11);
});

test("CA rotation: new certificates come from the new CA; the old CA stays trusted for those it signed", async () => {
  const before = await connectorCaCertificates(app.db, settings.ca);
  const pair = async () => {
    const { token } = await pairingToken();
    const configuration = (await connector(CONFIGURATION, token)).body.data.result;
    const { csr } = await keyAndCsr(configuration.certificateSigningRequestInfo.subject);
    const [client, ca] = pemBlocks((await connector(signCsrDocument(csr), configuration.token.token)).body.data.result.certificateChain);
    return { client: new X509Certificate(client), ca: new X509Certificate(ca) };
  };
  const old = await pair();
  const rotated = await rotateCertificateAuthority(app.db, settings.ca);
  assert.equal(rotated.retired.length, 1);
  const fresh = await pair();
  assert.notEqual(fresh.ca.fingerprint256, old.ca.fingerprint256, "signed by the new CA");
  assert.ok(!old.client.verify(fresh.ca.publicKey));
  const trusted = await connectorCaCertificates(app.db, settings.ca);
  assert.equal(trusted.length, before.length + 1);
  for (const { client } of [old, fresh]) assert.equal((await identifyClientCertificate(app.db, client, settings.clientCertificates)).kind, "ISSUED");
  // The CA's key is stored sealed: no PEM private key in the table.
  for (const row of await app.db.certificateAuthority.findMany())
    assert.ok(!row.encryptedPrivateKey.includes("PRIVATE KEY") && row.encryptedPrivateKey.startsWith("v1."));
});

test("tokens are never logged", () => {
  assert.ok(!capturedLog().includes("cmp_ott_"));
});

test("hostile requests: two fields at once, a body past 32 KiB, a body that is not JSON", async () => {
  const { token } = await pairingToken();
  const twice = await connector(`query { a: configuration { token { token } } b: configuration { token { token } } }`, token);
  assert.equal(twice.body.errors[0].extensions.code, "BAD_USER_INPUT");
  assert.match(twice.body.errors[0].message, /one field per request/);
  const huge = await fetch(`${base}/connector/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", "Connector-Token": token },
    body: JSON.stringify({ query: signCsrDocument("A".repeat(40_000)) }),
  });
  assert.equal(huge.status, 413);
  const notJson = await fetch(`${base}/connector/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", "Connector-Token": token },
    body: "csr=1",
  });
  assert.equal(notJson.status, 400);
  // None of them spent the token.
  assert.equal((await connector(CONFIGURATION, token)).status, 200);
});

test("the route file (next dev) serves the same Connector", async () => {
  const { POST } = await import("@/app/connector/graphql/route");
  const { token } = await pairingToken();
  const response = await POST(
    new Request("http://compass.test/connector/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", "Connector-Token": token },
      body: JSON.stringify({ query: CONFIGURATION }),
    }),
  );
  assert.equal(response.status, 200);
  const body = await response.json();
  recordSecret(body.data.result.token.token);
  assert.match(body.data.result.certificateSigningRequestInfo.subject, /^O=Org,OU=OrgUnit,L=Locality,ST=State,C=PL,CN=/);
  assert.equal(response.headers.get("cache-control"), "no-store");
});
