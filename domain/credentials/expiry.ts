import { expiryDaysProblem } from "@/lib/credential-rules";
import { badInput } from "@/domain/errors";

/** `expiresInDays` as a date (null: never), shared by API tokens and client credentials. */
export function expiryFromDays(days: number | null | undefined, now = Date.now()): Date | null {
  if (days === null || days === undefined) return null;
  const problem = expiryDaysProblem(days);
  if (problem) throw badInput("expiresInDays", problem);
  return new Date(now + days * 86_400_000);
}
