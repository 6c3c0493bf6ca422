import type { Db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { log } from "@/lib/logger";
import { openText, sealText } from "@/lib/sealed-text";
import { NodeCertificate, createCertificateAuthority, loadCertificateAuthority } from "@/lib/x509";

/**
 * The Connector's certificate authority. By default the product's own: an RSA key and a self-signed
 * certificate made at first start, stored in the database with the key sealed under SECRET_KEY, so every
 * instance signs and verifies alike (as the access-token signing keys). `npm run ca:rotate` adds a new one,
 * which signs from then on; a retired CA stays trusted until the last certificate it signed has expired,
 * then the rotation deletes it. An operator may bring their own CA instead (CONNECTOR_CA_CERT_FILE and
 * CONNECTOR_CA_KEY_FILE): it then signs, and the database's are not used.
 */

export interface CaSettings {
  /** How long a CA the product makes stays valid. */
  validityDays: number;
  /** How long the client certificates it signs live: a retired CA is trusted this long after its retirement. */
  clientCertificateTtlDays: number;
  /** The operator's own CA (PEM), or null. */
  external: { certificatePem: string; privateKeyPem: string } | null;
}

export interface SigningCa {
  id: string;
  certificatePem: string;
  privateKey: Buffer;
  expiresAt: Date;
}

const EXTERNAL_CA_ID = "external";
const CA_COMMON_NAME = "Compass Director Connector CA";
const DAY_MS = 24 * 3600 * 1000;

async function newCaRow(validityDays: number) {
  const ca = await createCertificateAuthority(CA_COMMON_NAME, validityDays);
  const id = newId();
  return {
    id,
    certificatePem: ca.certificatePem,
    encryptedPrivateKey: sealText("certificate-authority-encryption", `ca:${id}`, ca.privateKey.toString("base64")),
    expiresAt: ca.expiresAt,
  };
}

/** At start-up: the first CA when there is none (instances starting together may each make one: the newest signs, all are trusted). */
export async function ensureCertificateAuthority(db: Db, settings: CaSettings): Promise<void> {
  if (settings.external) return;
  if ((await db.certificateAuthority.count({ where: { retiredAt: null } })) > 0) return;
  await db.certificateAuthority.create({ data: await newCaRow(settings.validityDays) });
  log.info("generated the Connector's certificate authority");
}

/** `npm run ca:rotate`: a new CA signs from now on; the current one retires; those retired past the trust window are deleted. */
export async function rotateCertificateAuthority(db: Db, settings: CaSettings): Promise<{ id: string; retired: string[]; deleted: string[] }> {
  const row = await newCaRow(settings.validityDays);
  return db.$transaction(async (tx) => {
    const now = new Date();
    const current = await tx.certificateAuthority.findMany({ where: { retiredAt: null }, select: { id: true } });
    await tx.certificateAuthority.updateMany({ where: { retiredAt: null }, data: { retiredAt: now } });
    await tx.certificateAuthority.create({ data: { ...row, createdAt: now } });
    const expired = await tx.certificateAuthority.findMany({
      where: { retiredAt: { lt: new Date(now.getTime() - settings.clientCertificateTtlDays * DAY_MS) } },
      select: { id: true },
    });
    await tx.certificateAuthority.deleteMany({ where: { id: { in: expired.map((ca) => ca.id) } } });
    return { id: row.id, retired: current.map((ca) => ca.id), deleted: expired.map((ca) => ca.id) };
  });
}

/** The CA that signs now: the operator's, else the newest unretired one, its key opened. */
export async function signingCertificateAuthority(db: Db, settings: CaSettings): Promise<SigningCa> {
  if (settings.external) {
    return { id: EXTERNAL_CA_ID, ...(await loadCertificateAuthority(settings.external.certificatePem, settings.external.privateKeyPem)) };
  }
  const row = await db.certificateAuthority.findFirst({ where: { retiredAt: null }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  if (!row) throw new Error("the Connector has no certificate authority: start-up makes one (ensureCertificateAuthority)");
  const key = openText("certificate-authority-encryption", `ca:${row.id}`, row.encryptedPrivateKey);
  if (key === null) {
    throw new Error(`certificate authority ${row.id} cannot be decrypted: SECRET_KEY differs from the one it was created with (every instance must share it)`);
  }
  return { id: row.id, certificatePem: row.certificatePem, privateKey: Buffer.from(key, "base64"), expiresAt: row.expiresAt };
}

/** The CA certificates a client certificate the Connector signed may chain to: every CA still within its trust window. */
export async function connectorCaCertificates(db: Db, settings: CaSettings, now = new Date()): Promise<NodeCertificate[]> {
  if (settings.external) return [new NodeCertificate(settings.external.certificatePem)];
  const rows = await db.certificateAuthority.findMany({
    where: {
      expiresAt: { gt: now },
      OR: [{ retiredAt: null }, { retiredAt: { gt: new Date(now.getTime() - settings.clientCertificateTtlDays * DAY_MS) } }],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map((row) => new NodeCertificate(row.certificatePem));
}
