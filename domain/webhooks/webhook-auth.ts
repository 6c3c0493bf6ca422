import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { deriveKey } from "@/lib/secret-key";
import type { StoredAuth } from "./webhook-rules";

/**
 * A webhook's `auth` (passwords, client secrets, certificates, extra headers
 * and query parameters, which often carry API keys) is stored as one
 * AES-256-GCM sealed JSON value, with a key derived from SECRET_KEY for this
 * purpose only (lib/secret-key.ts) and the webhook's id as associated data:
 * a sealed value copied to another row does not open. The same scheme as the
 * signing keys' private keys (oauth2/signing-keys.ts).
 */

const encryptionKey = () => deriveKey("webhook-auth-encryption");

export function sealAuth(webhookId: string, auth: StoredAuth): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  cipher.setAAD(Buffer.from(`webhook:${webhookId}`));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(auth), "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** The auth, or an error that names the webhook and never the content. */
export function openAuth(webhookId: string, sealed: string): StoredAuth {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !ciphertext) throw new Error(`webhook ${webhookId}: unknown auth encryption format`);
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(`webhook:${webhookId}`));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return JSON.parse(Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8")) as StoredAuth;
  } catch {
    throw new Error(`webhook ${webhookId}: its auth cannot be decrypted (SECRET_KEY differs from the one it was stored with)`);
  }
}
