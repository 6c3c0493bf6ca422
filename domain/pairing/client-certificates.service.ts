import type { CertificateSubjectMapping } from "@/generated/prisma-sqlite/client";
import type { Db } from "@/lib/db";
import { type NodeCertificate, serialOf, subjectAttributes, subjectText } from "@/lib/x509";
import { unauthenticated } from "@/domain/errors";
import type { ObjectKind } from "@/domain/credentials/object-credentials.service";
import { findMappingForSubject } from "@/domain/certificate-subject-mappings/certificate-subject-mapping.service";
import { type CaSettings, connectorCaCertificates } from "./certificate-authority.service";

/**
 * Who a client certificate is. One the Connector issued (chaining to one of its CAs) is the application's
 * or runtime's whose system auth id is its CN, as Compass has it, while its serial is on record, not
 * revoked, and the system auth still exists: the revocation list is the database, read on each use, so
 * every instance honours a revocation at once. One from a trusted outside CA is whoever a certificate
 * subject mapping says its subject is. Anything else (expired, not yet valid, revoked, unknown serial,
 * another CA) is refused with an error that says which.
 */

export type CertificateIdentity =
  | { kind: "ISSUED"; serial: string; systemAuthId: string; ownerType: ObjectKind; ownerId: string; tenantId: string }
  | { kind: "MAPPED"; subject: string; mapping: CertificateSubjectMapping };

export interface ClientCertificateSettings {
  ca: CaSettings;
  /** CAs of other issuers whose certificates sign in through certificate subject mappings (TRUSTED_CLIENT_CA_FILE). */
  outsideCas: readonly NodeCertificate[];
}

/** Signed by `ca` (its name and signature; the certificates are issued directly by a CA, no intermediates). */
function issuedBy(certificate: NodeCertificate, ca: NodeCertificate): boolean {
  return certificate.checkIssued(ca) && certificate.verify(ca.publicKey);
}

const refused = (why: string) => unauthenticated(`Client certificate refused: ${why}`);

export async function identifyClientCertificate(
  db: Db,
  certificate: NodeCertificate,
  settings: ClientCertificateSettings,
  now = new Date(),
): Promise<CertificateIdentity> {
  if (now.getTime() > Date.parse(certificate.validTo)) throw refused(`it expired at ${new Date(certificate.validTo).toISOString()}`);
  if (now.getTime() < Date.parse(certificate.validFrom)) throw refused(`it is not valid before ${new Date(certificate.validFrom).toISOString()}`);
  const ownCas = await connectorCaCertificates(db, settings.ca, now);
  if (ownCas.some((ca) => issuedBy(certificate, ca))) {
    const serial = serialOf(certificate);
    const row = await db.issuedCertificate.findUnique({ where: { serial } });
    const commonName = subjectAttributes(certificate).get("CN")?.[0];
    if (!row || row.systemAuthId !== commonName) throw refused("the Connector has no record of issuing it");
    if (row.revokedAt) throw refused(`it was revoked at ${row.revokedAt.toISOString()}`);
    if (!(await db.systemAuth.findUnique({ where: { id: row.systemAuthId }, select: { id: true } }))) {
      throw refused("the system auth it was issued for has been deleted");
    }
    return { kind: "ISSUED", serial, systemAuthId: row.systemAuthId, ownerType: row.ownerType as ObjectKind, ownerId: row.ownerId, tenantId: row.tenantId };
  }
  if (settings.outsideCas.some((ca) => issuedBy(certificate, ca))) {
    const subject = subjectText(certificate);
    const mapping = await findMappingForSubject(db, subject);
    if (!mapping) throw refused(`no certificate subject mapping says who "${subject.slice(0, 200)}" is`);
    return { kind: "MAPPED", subject, mapping };
  }
  throw refused("it was not issued by a CA this server trusts");
}
