import { hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type Config, decodeSecretKey, getConfig } from "./config";
import { log } from "./logger";

/**
 * SECRET_KEY is the one secret the server needs; purpose-bound keys are derived
 * from it with HKDF so that no two features ever share key material.
 */
export type KeyPurpose = "cookie-signing" | "signing-key-encryption" | "webhook-auth-encryption" | "certificate-authority-encryption";

/** On the embedded default the key is generated once into a file beside the database. */
function loadOrCreateKeyFile(sqlitePath: string): Buffer {
  const file = path.join(path.dirname(sqlitePath), "secret.key");
  try {
    return decodeSecretKey(fs.readFileSync(file, "utf8"), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  try {
    // wx: never overwrite a key another process wrote a moment ago.
    fs.writeFileSync(file, `${key.toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    log.info("generated SECRET_KEY into the data folder", { file });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return decodeSecretKey(fs.readFileSync(file, "utf8"), file);
    throw error;
  }
}

// Per configuration read (a test that changes SECRET_KEY calls resetConfig(), and gets the new key).
// A plain module variable: every copy of this module reads the same SECRET_KEY, or the one file (written with wx).
let known: { config: Config; key: Buffer } | null = null;

function masterKey(): Buffer {
  const config = getConfig();
  if (known?.config === config) return known.key;
  let key: Buffer;
  if (config.secretKey) key = config.secretKey;
  else if (config.provider === "sqlite" && config.sqlitePath) key = loadOrCreateKeyFile(config.sqlitePath);
  else {
    throw new Error(
      "SECRET_KEY is required with PostgreSQL: set it to the same 32+ random bytes (hex or base64) on every instance, " +
        "for example the output of `openssl rand -hex 32`",
    );
  }
  known = { config, key };
  return key;
}

/** Checks at start-up that a usable SECRET_KEY exists, so a bad one fails fast. */
export function ensureSecretKey(): void {
  masterKey();
}

export function deriveKey(purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync("sha256", masterKey(), Buffer.alloc(0), `compass-director/${purpose}`, 32));
}
