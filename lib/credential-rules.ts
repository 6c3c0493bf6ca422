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
