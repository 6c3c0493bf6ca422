"use client";

import { DescriptionField } from "@/components/ui/description-field";
import { TextField } from "@/components/ui/text-field";

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
      <DescriptionField id={`${idPrefix}-description`} value={description} onChange={onDescriptionChange} error={errorOf("description")} />
    </>
  );
}
