"use client";

import { type FormEvent, useEffect, useId, useState } from "react";
import { graphqlProblem } from "@/components/console/graphql-problem";
import { FieldError } from "@/components/ui/field-error";

/** The URL parameter a list keeps its label filter in. */
export const LABEL_FILTER_PARAM = "labels";

const quoted = (value: string) => `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;

/**
 * Reads the filter as typed and kept in the URL: terms separated by commas,
 * each `key` (has the label) or `key=value` (the label is the string value,
 * or an array holding it). Every term must match, as in the API.
 */
export function labelFilters(text: string): { key: string; query?: string }[] | undefined {
  const terms = text
    .split(",")
    .map((term) => term.trim())
    .filter(Boolean);
  if (terms.length === 0) return undefined;
  return terms.map((term) => {
    const at = term.indexOf("=");
    if (at < 0) return { key: term };
    const value = term.slice(at + 1).trim();
    return { key: term.slice(0, at).trim(), query: `$ ? (@ == ${quoted(value)}) || $[*] ? (@ == ${quoted(value)})` };
  });
}

/** The API refused the filter itself (BAD_USER_INPUT on `filter`): the field shows why, not the table. */
export function filterProblem(error: unknown): string | null {
  if (!error) return null;
  const problem = graphqlProblem(error);
  return problem.field?.startsWith("filter") ? problem.message : null;
}

/** The label filter above a list: applied on Enter or when the field is left, so typing costs no request. */
export function LabelFilterField({
  value,
  onChange,
  error,
  idPrefix,
}: {
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  idPrefix: string;
}) {
  const [text, setText] = useState(value);
  const id = `${idPrefix}-label-filter`;
  const hintId = useId();
  // The URL can change the filter too (back button): follow it.
  useEffect(() => setText(value), [value]);
  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    if (text.trim() !== value) onChange(text.trim());
  };
  return (
    <form className="field label-filter" onSubmit={apply} role="search" aria-label="Label filter" data-no-unsaved-work>
      <label htmlFor={id}>
        Label filter <span className="optional">(optional)</span>
      </label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder="env=prod, scenarios=DEFAULT"
        onChange={(event) => setText(event.target.value)}
        onBlur={() => apply()}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, error ? `${id}-error` : null].filter(Boolean).join(" ")}
      />
      <div id={hintId} className="hint">
        <code>key</code> or <code>key=value</code>, separated by commas; all must match. Press Enter to apply.
      </div>
      <FieldError id={`${id}-error`} error={error} />
    </form>
  );
}
