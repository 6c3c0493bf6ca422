"use client";

import type { ReactNode } from "react";
import { FieldError } from "./field-error";

/**
 * A labelled input or textarea whose error and hint are tied to it with
 * aria-describedby, so screen readers read them with the field.
 */
export function TextField({
  id,
  label,
  value,
  onChange,
  onBlur,
  error,
  hint,
  multiline = false,
  required = false,
  autoFocus = false,
  maxLength,
  type = "text",
  inputMode,
  autoComplete,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  error?: string | null;
  hint?: ReactNode;
  multiline?: boolean;
  required?: boolean;
  autoFocus?: boolean;
  maxLength?: number;
  type?: "text" | "number" | "email" | "password";
  inputMode?: "numeric";
  /** For password managers: "current-password", "new-password", "off". */
  autoComplete?: string;
}) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name: id,
    value,
    onBlur,
    required,
    autoFocus,
    maxLength,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
  };
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? null : <span className="optional"> (optional)</span>}
      </label>
      {multiline ? (
        <textarea {...common} rows={4} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} type={type} inputMode={inputMode} autoComplete={autoComplete} onChange={(event) => onChange(event.target.value)} />
      )}
      {hint ? (
        <div id={`${id}-hint`} className="hint">
          {hint}
        </div>
      ) : null}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}
