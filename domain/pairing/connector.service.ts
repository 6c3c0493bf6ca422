import type { Db } from "@/lib/db";
import { sha256 } from "@/lib/crypto";
import {
  CertificateRequestError,
  type CertificateSubject,
  KEY_ALGORITHM,
  checkedCertificateRequest,
  formatSubject,
  newSerial,
  signClientCertificate,
} from "@/lib/x509";
import { badInput, notFound, unauthenticated } from "@/domain/errors";
import { recordAudit } from "@/domain/audit/audit.service";
import type { Principal } from "@/domain/principals/principal";
import { type CaSettings, signingCertificateAuthority } from "./certificate-authority.service";
import { type SpentOneTimeToken, issueSigningToken, looksLikeOneTimeToken, spendOneTimeToken } from "./one-time-token.service";
import type { ObjectKind } from "@/domain/credentials/object-credentials.service";

/**
 * The Connector (Compass's connector schema): an application or runtime holding a one-time token asks
 * for its `configuration` (the subject its certificate must carry, a fresh token for signing), then has
 * a CSR signed; a certificate it holds renews itself the same way and can revoke itself. Each token
 * works once. Signing checks the CSR's subject (all six attributes), key algorithm and size, signs for
 * a documented lifetime, and records the serial, for whom, and the expiry.
 */

export interface ConnectorSettings {
  /** O, OU, L, ST and C of every client certificate; the CN is the system auth's id. */
  subject: Omit<CertificateSubject, "commonName">;
  clientCertificateTtlDays: number;
  csrTokenTtlSeconds: number;
  ca: CaSettings;
}

/** Who calls the Connector: a `Connector-Token`, or a certificate it issued (already verified, not revoked). */
export type ConnectorCaller =
  | { kind: "TOKEN"; token: string }
  | { kind: "CERTIFICATE"; serial: string; systemAuthId: string; ownerType: ObjectKind; ownerId: string; tenantId: string };

const invalidToken = () => unauthenticated("The Connector-Token is unknown, already used or expired: ask the Director for a new one-time token");

function subjectFor(settings: ConnectorSettings, systemAuthId: string): CertificateSubject {
  return { ...settings.subject, commonName: systemAuthId };
}

function pairingOf(caller: Exclude<ConnectorCaller, { kind: "TOKEN" }>): SpentOneTimeToken {
  return { systemAuthId: caller.systemAuthId, kind: caller.ownerType, objectId: caller.ownerId, tenantId: caller.tenantId, purpose: "CSR" };
}

/** `configuration`: spends the caller's token (a pairing or signing one) and hands out a fresh one for signing, with the subject to request. */
export async function connectorConfiguration(db: Db, caller: ConnectorCaller | null, settings: ConnectorSettings) {
  if (!caller) throw unauthenticated("Send the one-time token in the Connector-Token header, or call with a client certificate the Connector issued");
  let pairing: SpentOneTimeToken;
  if (caller.kind === "TOKEN") {
    const spent = await spendOneTimeToken(db, caller.token, ["PAIRING", "CSR"]);
    if (!spent) throw invalidToken();
    pairing = spent;
  } else {
    pairing = pairingOf(caller);
  }
  const signing = await issueSigningToken(db, pairing, settings.csrTokenTtlSeconds);
  return {
    token: signing.token,
    expiresAt: signing.expiresAt,
    subject: formatSubject(subjectFor(settings, pairing.systemAuthId)),
    keyAlgorithm: KEY_ALGORITHM,
  };
}

/** A token's row while it is still good, without spending it: the CSR is checked before the token is spent, so a typo does not burn it. */
async function pendingSigningToken(db: Db, token: string) {
  if (!looksLikeOneTimeToken(token)) return null;
  const row = await db.oneTimeToken.findUnique({ where: { tokenHash: sha256(token) } });
  return row && row.purpose === "CSR" && row.usedAt === null && row.expiresAt > new Date() ? row : null;
}

/** `signCertificateSigningRequest(csr)`: the certificate, its chain (it, then the CA) and the CA, each base64 of PEM. */
export async function signCertificateRequest(db: Db, caller: ConnectorCaller | null, csr: string, settings: ConnectorSettings) {
  if (!caller)
    throw unauthenticated("Send the token from `configuration` in the Connector-Token header, or call with a client certificate the Connector issued");
  let pairing: SpentOneTimeToken;
  if (caller.kind === "TOKEN") {
    const row = await pendingSigningToken(db, caller.token);
    if (!row) throw invalidToken();
    pairing = { systemAuthId: row.systemAuthId, kind: row.ownerType as ObjectKind, objectId: row.ownerId, tenantId: row.tenantId, purpose: "CSR" };
  } else {
    pairing = pairingOf(caller);
  }
  const subject = subjectFor(settings, pairing.systemAuthId);
  let request: Awaited<ReturnType<typeof checkedCertificateRequest>>;
  try {
    request = await checkedCertificateRequest(csr, subject);
  } catch (error) {
    if (error instanceof CertificateRequestError) throw badInput("csr", `Refused: ${error.message}`);
    throw error;
  }
  if (caller.kind === "TOKEN" && !(await spendOneTimeToken(db, caller.token, ["CSR"]))) throw invalidToken();
  const ca = await signingCertificateAuthority(db, settings.ca);
  const serial = newSerial();
  const now = new Date();
  const expiresAt = new Date(Math.min(now.getTime() + settings.clientCertificateTtlDays * 24 * 3600 * 1000, ca.expiresAt.getTime()));
  const clientPem = await signClientCertificate(request, ca, serial, expiresAt, now);
  await db.issuedCertificate.create({
    data: {
      serial,
      systemAuthId: pairing.systemAuthId,
      ownerType: pairing.kind,
      ownerId: pairing.objectId,
      tenantId: pairing.tenantId,
      subject: formatSubject(subject),
      caId: ca.id,
      issuedAt: now,
      expiresAt,
    },
  });
  const base64 = (pem: string) => Buffer.from(pem).toString("base64");
  return {
    certificateChain: base64(`${clientPem.trim()}\n${ca.certificatePem.trim()}\n`),
    caCertificate: base64(`${ca.certificatePem.trim()}\n`),
    clientCertificate: base64(`${clientPem.trim()}\n`),
  };
}

/** `revokeCertificate`: the certificate the caller presents goes on the revocation list. */
export async function revokeOwnCertificate(db: Db, caller: ConnectorCaller | null): Promise<boolean> {
  if (caller?.kind !== "CERTIFICATE") throw unauthenticated("revokeCertificate revokes the client certificate the call is made with: call with it");
  await db.issuedCertificate.updateMany({ where: { serial: caller.serial, revokedAt: null }, data: { revokedAt: new Date() } });
  return true;
}

/** The certificates issued for an object, newest first. */
export function issuedCertificatesOf(db: Db, objectId: string) {
  return db.issuedCertificate.findMany({ where: { ownerId: objectId }, orderBy: [{ issuedAt: "desc" }, { serial: "desc" }], take: 200 });
}

/** An admin puts a certificate on the revocation list (idempotent: an already revoked one keeps its time); audited. */
export async function revokeIssuedCertificate(db: Db, actor: Principal, serial: string) {
  return db.$transaction(async (tx) => {
    const row = await tx.issuedCertificate.findUnique({ where: { serial: serial.toLowerCase() } });
    if (!row) throw notFound("issued certificate", serial, "revoking it");
    if (row.revokedAt) return row;
    const revoked = await tx.issuedCertificate.update({ where: { serial: row.serial }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, {
      action: "CLIENT_CERTIFICATE_REVOKED",
      objectType: row.ownerType === "APPLICATION" ? "Application" : "Runtime",
      objectId: row.ownerId,
      objectLabel: row.subject,
      details: { serial: row.serial, systemAuthId: row.systemAuthId, tenantId: row.tenantId },
    });
    return revoked;
  });
}
