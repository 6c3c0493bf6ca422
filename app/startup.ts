import { ensureFirstAdmin } from "@/domain/users/user.service";
import { getConfig } from "@/lib/config";
import { log } from "@/lib/logger";
import { migrate } from "@/lib/migrate";
import { refreshNameSkeletons } from "@/lib/name-skeleton";
import { type Instance, getInstance } from "./instance";
import { ensureSigningKey } from "@/oauth2/signing-keys";
import { ensureCertificateAuthority } from "@/domain/pairing/certificate-authority.service";
import { pairingSettings } from "@/domain/pairing/settings";
import { ensureSecretKey } from "@/lib/secret-key";

/**
 * Everything that must hold before the first request: a usable SECRET_KEY,
 * the schema at the newest migration, an access-token signing key, and a
 * first admin (or a setup link).
 * Runs once per instance (app/instance.ts), from server/main.ts or, under `next dev`, instrumentation.ts.
 */
export function startup(instance: Instance = getInstance()): Promise<void> {
  return (instance.startup ??= run(instance));
}

/**
 * For the Next.js child process (server/next-server.ts): its parent has finished
 * start-up before forwarding it any request, and running it again there would
 * replace the setup link the parent logged.
 */
export function markStartupDone(instance: Instance = getInstance()): void {
  instance.startup = Promise.resolve();
}

async function run(instance: Instance): Promise<void> {
  const config = getConfig();
  if (config.provider === "postgresql" && !config.publicUrl) {
    // PostgreSQL is how several instances share one database; without a fixed
    // issuer, one instance refuses tokens another issued under another address.
    log.warn(
      "PUBLIC_URL is not set: a token's issuer is the address it was requested at, so instances reached under different addresses refuse each other's tokens (see docs/operations.md)",
    );
  }
  ensureSecretKey();
  await migrate(config.databaseUrl);
  const { db } = instance;
  await ensureSigningKey(db);
  await ensureCertificateAuthority(db, pairingSettings(config).ca);
  await refreshNameSkeletons(db);
  // Decrypting the signing key now makes a SECRET_KEY that differs from the
  // one the keys were made with fail the start, not every token request.
  await instance.oauth2.keys.activeKey();
  const { created, setupToken } = await ensureFirstAdmin(db, { email: config.adminEmail, password: config.adminPassword });
  if (created) log.info("created the first admin from ADMIN_EMAIL", { email: config.adminEmail });
  if (setupToken) {
    const origin = config.publicUrl ?? `http://localhost:${config.port}`;
    // The one place a secret is logged, by design: whoever reads the server log
    // already controls the server. The link works once and expires in 24 hours.
    log.info(`no user exists yet: create the first admin at ${origin}/setup?token=${setupToken}`);
  }
}
