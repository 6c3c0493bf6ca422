import { hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getConfig } from "./config";
import { log } from "./logger";

/**
 * SECRET_KEY is the one secret the server needs; purpose-bound keys are derived
 * from it with HKDF so that no two features ever share key material.
 */
export type KeyPurpose = "cookie-signing" | "signing-key-encryption";

const MIN_BYTES = 32;

function decodeSecret(raw: string): Buffer {
  const text = raw.trim();
  const bytes = /^[0-9a-fA-F]+$/.test(text) && text.length % 2 === 0 ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (bytes.length < MIN_BYTES) {
    throw new Error(`SECRET_KEY must hold at least ${MIN_BYTES} random bytes, hex or base64 encoded`);
  }
  return bytes;
}

/** On the embedded default the key is generated once into a file beside the database. */
function loadOrCreateKeyFile(sqlitePath: string): Buffer {
  const file = path.join(path.dirname(sqlitePath), "secret.key");
  try {
    return decodeSecret(fs.readFileSync(file, "utf8"));
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
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return decodeSecret(fs.readFileSync(file, "utf8"));
    throw error;
  }
}

const KEY = Symbol.for("compass.secretKey");
const store = globalThis as typeof globalThis & { [KEY]?: Buffer };

function masterKey(): Buffer {
  if (store[KEY]) return store[KEY];
  const config = getConfig();
  const raw = process.env.SECRET_KEY;
  if (raw) store[KEY] = decodeSecret(raw);
  else if (config.provider === "sqlite" && config.sqlitePath) store[KEY] = loadOrCreateKeyFile(config.sqlitePath);
  else {
    throw new Error(
      "SECRET_KEY is required with PostgreSQL: set it to the same 32+ random bytes (hex or base64) on every instance, " +
        "for example the output of `openssl rand -hex 32`",
    );
  }
  return store[KEY]!;
}

/** Checks at start-up that a usable SECRET_KEY exists, so a bad one fails fast. */
export function ensureSecretKey(): void {
  masterKey();
}

export function deriveKey(purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync("sha256", masterKey(), Buffer.alloc(0), `compass-director/${purpose}`, 32));
}
