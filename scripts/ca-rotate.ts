/**
 * `npm run ca:rotate`: adds a new certificate authority for the Connector and retires the current one,
 * against the database in DATABASE_URL (with the same SECRET_KEY as the servers). Client certificates are
 * signed by the new CA from now on; those the old one signed keep working until they expire (it stays
 * trusted for CLIENT_CERTIFICATE_TTL_DAYS), and CAs retired longer ago than that are deleted here.
 * Running servers need no restart. With CONNECTOR_CA_CERT_FILE set the operator's CA signs, and there is
 * nothing here to rotate: replace the files instead.
 */
import { getConfig } from "@/lib/config";
import { createDb } from "@/lib/db";
import { migrate } from "@/lib/migrate";
import { ensureSecretKey } from "@/lib/secret-key";
import { rotateCertificateAuthority } from "@/domain/pairing/certificate-authority.service";
import { pairingSettings } from "@/domain/pairing/settings";

const config = getConfig();
const { ca } = pairingSettings(config);
if (ca.external) {
  console.error("CONNECTOR_CA_CERT_FILE is set: the operator's CA signs, so there is nothing to rotate here; replace the files and restart.");
  process.exit(2);
}
ensureSecretKey();
await migrate(config.databaseUrl);
const db = createDb(config.databaseUrl);
const { id, retired, deleted } = await rotateCertificateAuthority(db, ca);
console.log(`new certificate authority: ${id} (signs from now on)`);
for (const old of retired) console.log(`retired: ${old} (trusted ${ca.clientCertificateTtlDays} more days, until the last certificate it signed has expired)`);
for (const old of deleted) console.log(`deleted: ${old} (every certificate it signed has expired)`);
await db.$disconnect();
