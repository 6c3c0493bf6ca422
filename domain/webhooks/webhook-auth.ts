import { openText, sealText } from "@/lib/sealed-text";
import type { StoredAuth } from "./webhook-rules";

/**
 * A webhook's `auth` (passwords, client secrets, certificates, extra headers
 * and query parameters, which often carry API keys) is stored as one
 * AES-256-GCM sealed JSON value, with a key derived from SECRET_KEY for this
 * purpose only (lib/secret-key.ts) and the webhook's id as associated data:
 * a sealed value copied to another row does not open. The same scheme as the
 * signing keys' private keys (oauth2/signing-keys.ts), in lib/sealed-text.ts.
 */

export function sealAuth(webhookId: string, auth: StoredAuth): string {
  return sealText("webhook-auth-encryption", `webhook:${webhookId}`, JSON.stringify(auth));
}

/** The auth, or an error that names the webhook and never the content. */
export function openAuth(webhookId: string, sealed: string): StoredAuth {
  const text = openText("webhook-auth-encryption", `webhook:${webhookId}`, sealed);
  if (text === null) throw new Error(`webhook ${webhookId}: its auth cannot be decrypted (SECRET_KEY differs from the one it was stored with)`);
  return JSON.parse(text) as StoredAuth;
}
