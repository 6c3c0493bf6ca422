/**
 * `npm run keys:rotate`: adds a new access-token signing key and retires the
 * current one, against the database in DATABASE_URL (with the same
 * SECRET_KEY as the servers).
 *
 * The new key is published in the JWKS at once and signs a minute later,
 * when every instance and every resource server's cached JWKS knows it. The
 * key it replaces signs until then, and stays published (and verifying)
 * until the last token it signed has expired; keys retired longer ago than
 * that are deleted here. Running servers need no restart.
 */
import { getConfig } from "@/lib/config";
import { createDb } from "@/lib/db";
import { migrate } from "@/lib/migrate";
import { publicationWindowMs, rotateSigningKey } from "@/oauth2/signing-keys";
import { ensureSecretKey } from "@/lib/secret-key";

const config = getConfig();
ensureSecretKey();
await migrate(config.databaseUrl);
const db = createDb(config.databaseUrl);
const { kid, activatesAt, retired, deleted } = await rotateSigningKey(db, config.accessTokenTtlSeconds);
const minutes = Math.round(publicationWindowMs(config.accessTokenTtlSeconds) / 60_000);
console.log(`new signing key: ${kid} (published now, signs from ${activatesAt.toISOString()})`);
for (const id of retired) console.log(`retiring: ${id} (signs until then, stays published ${minutes} min longer, until its last token has expired)`);
for (const id of deleted) console.log(`deleted: ${id} (its last token has expired)`);
await db.$disconnect();
