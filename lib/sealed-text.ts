import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { type KeyPurpose, deriveKey } from "./secret-key";

/**
 * Text sealed with AES-256-GCM under a key derived from SECRET_KEY for one purpose, bound to a row by
 * associated data (a sealed value copied to another row does not open): `v1.<iv>.<tag>.<ciphertext>`,
 * each base64url. The scheme of the signing keys and webhook auths, for the Connector's CA keys.
 */
export function sealText(purpose: KeyPurpose, boundTo: string, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(purpose), iv);
  cipher.setAAD(Buffer.from(boundTo));
  const ciphertext = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** The text, or null when it does not open (another SECRET_KEY, another row, or tampered). */
export function openText(purpose: KeyPurpose, boundTo: string, sealed: string): string | null {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || !ciphertext) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", deriveKey(purpose), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
