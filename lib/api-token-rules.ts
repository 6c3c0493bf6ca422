import { lengthOf } from "./names";

/**
 * The rules the API enforces on API tokens (and on credential expiry), as
 * plain functions without server dependencies, so the console checks them as
 * the user types with exactly the server's words.
 */

export const API_TOKEN_NAME_MAX = 64;
export const MAX_EXPIRY_DAYS = 365;

/** What is wrong with a token name (checked after trimming), or null when it is valid. */
export function apiTokenNameProblem(name: string): string | null {
  const length = lengthOf(name.trim());
  if (length < 1) return "Name must not be empty";
  if (length > API_TOKEN_NAME_MAX) return `Name must be at most ${API_TOKEN_NAME_MAX} characters, got ${length}`;
  return null;
}

/** What is wrong with an expiry in days, or null when it is valid (null/undefined: never expires). */
export function expiryDaysProblem(days: number | null | undefined): string | null {
  if (days === null || days === undefined) return null;
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRY_DAYS) {
    return `Expiry must be a whole number of days from 1 to ${MAX_EXPIRY_DAYS}, left out for no expiry`;
  }
  return null;
}
