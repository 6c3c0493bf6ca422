import { badInput } from "@/domain/errors";

/**
 * Two spellings of one argument (the design's and Compass's): the caller
 * passes exactly one of them. Neither or both is BAD_USER_INPUT on the first
 * spelling, as the schema lists them. null counts as not passed.
 */
export function exactlyOne(spellings: Record<string, string | null | undefined>): string {
  const names = Object.keys(spellings);
  const given = names.filter((name) => spellings[name] !== null && spellings[name] !== undefined);
  if (given.length !== 1) {
    throw badInput(
      names[0],
      `Pass exactly one of ${names.join(" or ")}: they name the same thing (${given.length === 0 ? "neither was" : "both were"} passed)`,
    );
  }
  return spellings[given[0]]!;
}
