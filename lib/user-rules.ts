/**
 * The rules the API enforces on users' emails and passwords, as plain
 * functions without server dependencies, so the console checks them as the
 * user types with exactly the server's words (domain/users uses the same).
 */

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
const EMAIL_MAX = 254;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** What is wrong with an email (after trimming and lower-casing), or null when it is valid. */
export function emailProblem(email: string): string | null {
  const normalized = normalizeEmail(email);
  return EMAIL_PATTERN.test(normalized) && normalized.length <= EMAIL_MAX ? null : "Enter a valid email address";
}

/** What is wrong with a new password, or null when it is long enough and not too long. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN) return `Password must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `Password must be at most ${PASSWORD_MAX} characters`;
  return null;
}
