"use client";

import { DESCRIPTION_MAX, lengthOf } from "@/lib/names";
import { TextField } from "./text-field";

/** A named object's description: optional, multiline, counting its characters against the limit the server checks (lib/names.ts). */
export function DescriptionField({
  id,
  value,
  onChange,
  onBlur,
  error,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  error?: string | null;
}) {
  return (
    <TextField
      id={id}
      label="Description"
      value={value}
      onChange={onChange}
      onBlur={onBlur}
      error={error}
      hint={`${lengthOf(value.trim())} / ${DESCRIPTION_MAX} characters`}
      multiline
    />
  );
}
