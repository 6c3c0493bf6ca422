"use client";

import type { FieldErrors } from "@/components/console/use-form-errors";
import { TextField } from "@/components/ui/text-field";
import { DESCRIPTION_MAX, descriptionProblem, lengthOf, nameProblem, normalizeName } from "@/lib/names";

/** The name and description rules an application's and a runtime's form share. */
export function nameAndDescriptionProblems<F extends string>(name: string, description: string): FieldErrors<F | "name" | "description"> {
  const problems: FieldErrors<"name" | "description"> = {};
  const nameError = nameProblem(normalizeName(name));
  if (nameError) problems.name = nameError;
  const descriptionError = descriptionProblem(description.trim());
  if (descriptionError) problems.description = descriptionError;
  return problems as FieldErrors<F | "name" | "description">;
}

/** The name and description fields of an application's or a runtime's form; `idPrefix` keeps their ids apart. */
export function NameAndDescriptionFields({
  idPrefix,
  name,
  description,
  onNameChange,
  onDescriptionChange,
  errorOf,
}: {
  idPrefix: string;
  name: string;
  description: string;
  onNameChange: (value: string) => void;
  onDescriptionChange: (value: string) => void;
  errorOf: (field: "name" | "description") => string | undefined;
}) {
  return (
    <>
      <TextField
        id={`${idPrefix}-name`}
        label="Name"
        value={name}
        onChange={onNameChange}
        error={errorOf("name")}
        hint="Unique in this tenant, ignoring case."
        required
        autoFocus
      />
      <TextField
        id={`${idPrefix}-description`}
        label="Description"
        value={description}
        onChange={onDescriptionChange}
        error={errorOf("description")}
        hint={`${lengthOf(description.trim())} / ${DESCRIPTION_MAX} characters`}
        multiline
      />
    </>
  );
}
