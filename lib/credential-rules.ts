/**
 * The expiry rule of every credential (personal API tokens, integration
 * systems' client credentials), as a plain function without server
 * dependencies, so the console checks it as the user types with exactly the
 * server's words. domain/credentials/expiry.ts applies it.
 */
export const MAX_EXPIRY_DAYS = 365;

/** What is wrong with an expiry in days, or null when it is valid (null/undefined: never expires). */
export function expiryDaysProblem(days: number | null | undefined): string | null {
  if (days === null || days === undefined) return null;
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRY_DAYS) {
    return `Expiry must be a whole number of days from 1 to ${MAX_EXPIRY_DAYS}, left out for no expiry`;
  }
  return null;
}

/** A credential's note ("prod cluster", "CI"): a label, not a description. */
export const CREDENTIAL_NOTE_MAX = 200;

/** What is wrong with a (trimmed) note, or null when it is valid. */
export function credentialNoteProblem(note: string): string | null {
  const length = [...note].length;
  if (length > CREDENTIAL_NOTE_MAX) return `Note must be at most ${CREDENTIAL_NOTE_MAX} characters, got ${length}`;
  if (/[\p{Cc}]/u.test(note)) return "Note must be one line without control characters";
  return null;
}

/** Credentials and API tokens that stop working within this many days are marked "expiring soon". */
export const EXPIRING_SOON_DAYS = 7;
const DAY_MS = 86_400_000;

export type ExpiryState = "expired" | "expiring" | "ok" | "never";

/** Where an expiry stands now: the one rule the console's marks and the API's "expiring soon" filter share. */
export function expiryState(expiresAt: Date | string | null | undefined, now = Date.now()): ExpiryState {
  if (!expiresAt) return "never";
  const at = new Date(expiresAt).getTime();
  if (at <= now) return "expired";
  return at <= now + EXPIRING_SOON_DAYS * DAY_MS ? "expiring" : "ok";
}

/** The instant before which an expiry counts as "expiring soon" (expired included). */
export const expiringSoonBefore = (now = Date.now()) => new Date(now + EXPIRING_SOON_DAYS * DAY_MS);
