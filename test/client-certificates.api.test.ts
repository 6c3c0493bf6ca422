/**
 * Issue 25, item 3: client-certificate sign-in, end to end over real TLS on 127.0.0.1. An admin asks for
 * a one-time token; the application calls the Connector's configuration() with it, makes a key pair and a
 * CSR with the prescribed subject, gets it signed, and calls the Director API with the certificate: it is
 * the application (viewer), reads itself and nothing else. Reusing the token, a CSR for another subject,
 * an expired, a revoked and an unknown CA's certificate are refused, each saying why. The same through a
 * trusted proxy's X-Forwarded-Client-Cert (TRUST_PROXY on: accepted; off: refused). An outside CA's
 * certificate signs in through a certificate subject mapping, as the integration system it names.
 */
import assert from "node:assert/strict";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { registerApplication } from "@/domain/applications/application.service";
import { createTenant } from "@/domain/tenants/tenant.service";
import { createIntegrationSystem } from "@/domain/integration-systems/integration-system.service";
import { createCertificateSubjectMapping, updateCertificateSubjectMapping } from "@/domain/certificate-subject-mappings/certificate-subject-mapping.service";
import { ensureCertificateAuthority, signingCertificateAuthority } from "@/domain/pairing/certificate-authority.service";
import { pairingSettings } from "@/domain/pairing/settings";
import { resetConfig } from "@/lib/config";
import { NodeCertificate, checkedCertificateRequest, signClientCertificate } from "@/lib/x509";
import { createFastPath } from "@/server/fast-path";
import { createTlsServer } from "@/server/tls-listener";
import { CONFIGURATION, REVOKE, certificate, keyAndCsr, pemBlocks, signCsrDocument } from "./pairing-support";
import { recordSecret, setupTestApp } from "./harness";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "compass-mtls-"));
const serverTls = await certificate("CN=127.0.0.1", { serverIp: "127.0.0.1" });
const outsideCa = await certificate("CN=Outside CA", { ca: true });
process.env.TRUSTED_CLIENT_CA_FILE = path.join(work, "outside-ca.crt");
fs.writeFileSync(process.env.TRUSTED_CLIENT_CA_FILE, outsideCa.cert);

const app = await setupTestApp();
const settings = () => pairingSettings(app.instance.config);
await ensureCertificateAuthority(app.db, settings().ca);
const admin = app.admin.principal;
const tenant = await createTenant(app.db, admin, { externalId: "mtls-tenant", name: "mTLS" });
const mine = await registerApplication(app.db, admin, tenant, { name: "mtls-mine" });
const neighbour = await registerApplication(app.db, admin, tenant, { name: "mtls-neighbour" });

const fastPath = createFastPath(app.instance);
const listener = (req: Parameters<typeof fastPath>[0], res: Parameters<typeof fastPath>[1]) => {
  if (!fastPath(req, res)) res.writeHead(404).end();
};
const tlsServer = createTlsServer({ port: 0, certificatePem: serverTls.cert, privateKeyPem: serverTls.key }, listener);
await new Promise<void>((resolve) => tlsServer.listen(0, "127.0.0.1", resolve));
const tlsBase = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}`;
const plainBase = await app.listen();

test.after(() => {
  tlsServer.close();
  fs.rmSync(work, { recursive: true, force: true });
});

interface Identity {
  cert?: string;
  key?: string;
}
/** POST a GraphQL document over TLS (the server's certificate checked), with a client certificate or not. */
function overTls(pathname: string, query: string, identity: Identity = {}, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const request = https.request(
      `${tlsBase}${pathname}`,
      { method: "POST", ca: serverTls.cert, cert: identity.cert, key: identity.key, headers: { "content-type": "application/json", ...headers }, agent: false },
      (response) => {
        let text = "";
        response.on("data", (chunk) => {
          text += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
      },
    );
    request.on("error", reject);
    request.end(JSON.stringify({ query }));
  });
}

/** An admin's one-time token for an application, through the Director API. */
async function requestToken(applicationId: string): Promise<string> {
  const answer = await app.graphql(
    `mutation($id: ID!) { result: requestOneTimeTokenForApplication(id: $id) { token } }`,
    { id: applicationId },
    {
      token: app.admin.token,
      headers: { tenant: tenant.externalId },
    },
  );
  assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
  const token = answer.body.data!.result.token;
  recordSecret(token);
  return token;
}

async function pairOverTls(applicationId = mine.id) {
  const oneTimeToken = await requestToken(applicationId);
  const configured = await overTls("/connector/graphql", CONFIGURATION, {}, { "Connector-Token": oneTimeToken });
  assert.equal(configured.status, 200, JSON.stringify(configured.body));
  const configuration = configured.body.data.result;
  recordSecret(configuration.token.token);
  const { csr, privateKeyPem } = await keyAndCsr(configuration.certificateSigningRequestInfo.subject);
  const signed = await overTls("/connector/graphql", signCsrDocument(csr), {}, { "Connector-Token": configuration.token.token });
  assert.equal(signed.body.errors, undefined, JSON.stringify(signed.body.errors));
  const [clientPem] = pemBlocks(signed.body.data.result.certificateChain);
  return { oneTimeToken, configuration, identity: { cert: clientPem, key: privateKeyPem }, clientPem, privateKeyPem };
}

const VIEWER = `{ viewer { id type authMethod clientId scopes } }`;
const READ = (id: string) => `{ application(id: "${id}") { id name } }`;

test("pairing end to end over TLS: the certificate is the application, which reads itself and nothing else", async () => {
  const paired = await pairOverTls();
  const viewer = await overTls("/api/graphql", VIEWER, paired.identity);
  assert.equal(viewer.status, 200, JSON.stringify(viewer.body));
  assert.equal(viewer.body.data.viewer.id, mine.id);
  assert.equal(viewer.body.data.viewer.type, "APPLICATION");
  assert.equal(viewer.body.data.viewer.authMethod, "CLIENT_CERTIFICATE");
  assert.equal(viewer.body.data.viewer.clientId, paired.configuration.certificateSigningRequestInfo.subject.split("CN=")[1]);
  assert.deepEqual(viewer.body.data.viewer.scopes.sort(), ["application:read", "label_definition:read"]);

  const own = await overTls("/api/graphql", READ(mine.id), paired.identity);
  assert.deepEqual(own.body.data.application, { id: mine.id, name: "mtls-mine" });
  const other = await overTls("/api/graphql", READ(neighbour.id), paired.identity);
  assert.equal(other.body.errors[0].extensions.code, "FORBIDDEN");
  const list = await overTls("/api/graphql", `{ applications { totalCount } }`, paired.identity);
  assert.equal(list.body.errors[0].extensions.code, "FORBIDDEN");
  const write = await overTls("/api/graphql", `mutation { createIntegrationSystem(in: { name: "nope" }) { id } }`, paired.identity);
  assert.equal(write.body.errors[0].extensions.code, "FORBIDDEN");

  // The one-time token is spent: reusing it is refused.
  const reuse = await overTls("/connector/graphql", CONFIGURATION, {}, { "Connector-Token": paired.oneTimeToken });
  assert.equal(reuse.status, 401);

  // Renewal with the certificate itself: configuration and signing need no token.
  const renewal = await overTls("/connector/graphql", CONFIGURATION, paired.identity);
  assert.equal(renewal.status, 200, JSON.stringify(renewal.body));
  recordSecret(renewal.body.data.result.token.token);
  const { csr } = await keyAndCsr(renewal.body.data.result.certificateSigningRequestInfo.subject);
  const renewed = await overTls("/connector/graphql", signCsrDocument(csr), paired.identity);
  assert.equal(renewed.body.errors, undefined, JSON.stringify(renewed.body.errors));
});

test("a CSR for another subject is refused over TLS, and nothing is signed", async () => {
  const configuration = (await overTls("/connector/graphql", CONFIGURATION, {}, { "Connector-Token": await requestToken(mine.id) })).body.data.result;
  recordSecret(configuration.token.token);
  const { csr } = await keyAndCsr(configuration.certificateSigningRequestInfo.subject.replace(/CN=.*/, `CN=${neighbour.id}`));
  const before = await app.db.issuedCertificate.count();
  const refused = await overTls("/connector/graphql", signCsrDocument(csr), {}, { "Connector-Token": configuration.token.token });
  assert.equal(refused.body.errors[0].extensions.code, "BAD_USER_INPUT");
  assert.match(refused.body.errors[0].message, /CN differs/);
  assert.equal(await app.db.issuedCertificate.count(), before);
});

test("revoked: revokeCertificate with the certificate, then the Director refuses it; admin revocation the same", async () => {
  const paired = await pairOverTls();
  assert.equal((await overTls("/api/graphql", VIEWER, paired.identity)).status, 200);
  const revoked = await overTls("/connector/graphql", REVOKE, paired.identity);
  assert.deepEqual(revoked.body.data, { result: true });
  const refused = await overTls("/api/graphql", VIEWER, paired.identity);
  assert.equal(refused.status, 401);
  assert.match(refused.body.errors[0].message, /Client certificate refused: it was revoked at/);
  // The Connector refuses it too: no renewal with a revoked certificate.
  assert.equal((await overTls("/connector/graphql", CONFIGURATION, paired.identity)).status, 401);
  // An admin's revocation, through the Director API: listed, revoked, audited, refused at once.
  const byAdmin = await pairOverTls();
  const adminSerial = new NodeCertificate(byAdmin.clientPem).serialNumber.toLowerCase();
  const listed = await app.ok<any>(`query($id: ID!) { issuedCertificates(objectID: $id) { serial systemAuthID subject expiresAt revokedAt } }`, {
    id: mine.id,
  });
  const entry = listed.issuedCertificates.find((row: { serial: string }) => row.serial === adminSerial);
  assert.equal(entry.revokedAt, null);
  assert.match(entry.subject, /^O=Org,OU=OrgUnit,L=Locality,ST=State,C=PL,CN=/);
  const adminRevoked = await app.ok<any>(`mutation($serial: String!) { revokeIssuedCertificate(serial: $serial) { serial revokedAt } }`, {
    serial: adminSerial.toUpperCase(),
  });
  assert.ok(adminRevoked.revokeIssuedCertificate.revokedAt);
  assert.match((await overTls("/api/graphql", VIEWER, byAdmin.identity)).body.errors[0].message, /revoked at/);
  const audit = await app.db.auditEvent.findFirstOrThrow({ where: { action: "CLIENT_CERTIFICATE_REVOKED", objectId: mine.id } });
  assert.equal(JSON.parse(audit.details!).serial, adminSerial);
  const viewerRefused = await app.graphql(`mutation { revokeIssuedCertificate(serial: "${adminSerial}") { serial } }`, {}, app.viewer);
  assert.equal(viewerRefused.body.errors![0].extensions.code, "FORBIDDEN");
  // Deleting the system auth it acts as ends it as well.
  const second = await pairOverTls();
  const serial = new NodeCertificate(second.clientPem).serialNumber.toLowerCase();
  const { systemAuthId } = await app.db.issuedCertificate.findUniqueOrThrow({ where: { serial } });
  await app.db.systemAuth.delete({ where: { id: systemAuthId } });
  const gone = await overTls("/api/graphql", VIEWER, second.identity);
  assert.match(gone.body.errors[0].message, /system auth it was issued for has been deleted/);
});

test("expired, and unknown CA: refused, each saying why; no certificate at all is anonymous (401)", async () => {
  const paired = await pairOverTls();
  const serial = new NodeCertificate(paired.clientPem).serialNumber.toLowerCase();
  const record = await app.db.issuedCertificate.findUniqueOrThrow({ where: { serial } });
  // The same key and subject, signed by the CA with a validity that ended yesterday, and on record.
  const { csr, privateKeyPem: expiredKey } = await keyAndCsr(record.subject);
  const request = await checkedCertificateRequest(csr, {
    organization: "Org",
    organizationalUnit: "OrgUnit",
    locality: "Locality",
    province: "State",
    country: "PL",
    commonName: record.systemAuthId,
  });
  const ca = await signingCertificateAuthority(app.db, settings().ca);
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
  const expiredSerial = "7e".padEnd(32, "1");
  const expiredPem = await signClientCertificate(request, ca, expiredSerial, new Date(Date.now() - 86_400_000), twoDaysAgo);
  await app.db.issuedCertificate.create({ data: { ...record, serial: expiredSerial, expiresAt: new Date(Date.now() - 86_400_000) } });
  const expired = await overTls("/api/graphql", VIEWER, { cert: expiredPem, key: expiredKey });
  assert.equal(expired.status, 401);
  assert.match(expired.body.errors[0].message, /Client certificate refused: it expired at/);

  const stranger = await certificate(`O=Org,OU=OrgUnit,L=Locality,ST=State,C=PL,CN=${record.systemAuthId}`);
  const unknown = await overTls("/api/graphql", VIEWER, { cert: stranger.cert, key: stranger.key });
  assert.equal(unknown.status, 401);
  assert.match(unknown.body.errors[0].message, /not issued by a CA this server trusts/);

  const anonymous = await overTls("/api/graphql", VIEWER);
  assert.equal(anonymous.status, 401);
  assert.equal(anonymous.body.errors[0].extensions.code, "UNAUTHENTICATED");
});

test("an outside CA's certificate signs in through a certificate subject mapping, as the integration system it names", async () => {
  const system = await createIntegrationSystem(app.db, admin, { name: "mtls-outside-system" });
  const identity = await certificate("C=DE,L=Walldorf,O=Outside,OU=Systems,CN=outside-system", { issuer: outsideCa });
  const unmapped = await overTls("/api/graphql", VIEWER, identity);
  assert.match(unmapped.body.errors[0].message, /no certificate subject mapping says who/);
  const mapping = {
    subject: "C=DE, L=Walldorf, O=Outside, OU=Systems, CN=outside-system",
    consumerType: "Integration System",
    internalConsumerID: system.id,
    tenantAccessLevels: ["account"],
  };
  const { id: mappingId } = await createCertificateSubjectMapping(app.db, admin, mapping);
  // Its access levels are held as Compass's hydrator holds them: no tenant named needs "global"...
  const global = await overTls("/api/graphql", VIEWER, identity);
  assert.equal(global.status, 403);
  assert.equal(global.body.errors[0].extensions.code, "FORBIDDEN");
  assert.match(global.body.errors[0].message, /grants no global access \(only account\)/);
  // ...and a tenant named must be of a type granted, whatever the operation asks for.
  const subaccount = await createTenant(app.db, admin, { externalId: "mtls-subaccount", name: "mTLS subaccount", type: "subaccount" });
  const otherType = await overTls("/api/graphql", VIEWER, identity, { tenant: subaccount.externalId });
  assert.equal(otherType.status, 403);
  assert.match(otherType.body.errors[0].message, /tenants of type account; tenant "mtls-subaccount" is of type subaccount/);
  const viewer = await overTls("/api/graphql", VIEWER, identity, { tenant: tenant.externalId });
  assert.equal(viewer.body.data.viewer.type, "INTEGRATION_SYSTEM", JSON.stringify(viewer.body));
  assert.equal(viewer.body.data.viewer.id, system.id);
  assert.ok(!viewer.body.data.viewer.scopes.includes("integration_system:write"));
  await updateCertificateSubjectMapping(app.db, admin, mappingId, { ...mapping, tenantAccessLevels: ["account", "global"] });
  assert.equal((await overTls("/api/graphql", VIEWER, identity)).body.data.viewer.id, system.id);
  // The Connector serves only its own certificates.
  assert.equal((await overTls("/connector/graphql", CONFIGURATION, identity)).status, 401);
});

test("X-Forwarded-Client-Cert (Envoy's Cert=): accepted with TRUST_PROXY, refused without", async () => {
  const paired = await pairOverTls();
  const forwarded = `By=spiffe://cluster.local/ns/compass/sa/director;Hash=abc123;Cert="${encodeURIComponent(paired.clientPem)}";Subject="";URI=`;
  const call = async () => {
    const response = await fetch(`${plainBase}/api/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-client-cert": forwarded },
      body: JSON.stringify({ query: VIEWER }),
    });
    return { status: response.status, body: await response.json() };
  };
  const withoutTrust = await call();
  assert.equal(withoutTrust.status, 401);
  assert.match(withoutTrust.body.errors[0].message, /honoured only behind a trusted proxy \(TRUST_PROXY=true\)/);

  process.env.TRUST_PROXY = "true";
  resetConfig();
  try {
    const trusted = await call();
    assert.equal(trusted.status, 200, JSON.stringify(trusted.body));
    assert.equal(trusted.body.data.viewer.id, mine.id);
    // A hash alone proves nothing.
    const hashOnly = await fetch(`${plainBase}/api/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-client-cert": 'Hash=abc123;Subject="CN=x"' },
      body: JSON.stringify({ query: VIEWER }),
    });
    assert.equal(hashOnly.status, 401);
  } finally {
    delete process.env.TRUST_PROXY;
    resetConfig();
  }
});
