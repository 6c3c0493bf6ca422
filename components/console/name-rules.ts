import { descriptionProblem, nameProblem, normalizeName } from "@/lib/names";
import type { FieldErrors } from "./use-form-errors";

/**
 * The server's name and description rules (lib/names.ts), in its own words,
 * as the forms of integration systems, applications and runtimes check them
 * while the user types.
 */
export function nameAndDescriptionProblems<F extends string>(name: string, description: string): FieldErrors<F | "name" | "description"> {
  const problems: FieldErrors<"name" | "description"> = {};
  const nameError = nameProblem(normalizeName(name));
  if (nameError) problems.name = nameError;
  const descriptionError = descriptionProblem(description.trim());
  if (descriptionError) problems.description = descriptionError;
  return problems as FieldErrors<F | "name" | "description">;
}
