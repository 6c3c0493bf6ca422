import { lengthOf } from "./names";

/**
 * The rules the API enforces on API tokens' names, as plain functions
 * without server dependencies, so the console checks them as the user types
 * with exactly the server's words. Expiry is every credential's rule:
 * lib/credential-rules.ts.
 */

export const API_TOKEN_NAME_MAX = 64;

/** What is wrong with a token name (checked after trimming), or null when it is valid. */
export function apiTokenNameProblem(name: string): string | null {
  const length = lengthOf(name.trim());
  if (length < 1) return "Name must not be empty";
  if (length > API_TOKEN_NAME_MAX) return `Name must be at most ${API_TOKEN_NAME_MAX} characters, got ${length}`;
  return null;
}
