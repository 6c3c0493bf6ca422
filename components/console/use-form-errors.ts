"use client";

import { useState } from "react";
import { graphqlProblem } from "./graphql-problem";

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/**
 * The error state every console form shares. A rule broken in the browser
 * shows once its field has been touched; the server's own error lands on the
 * field it names (`in.name` → `name`) until that field is edited again; any
 * other error goes above the form.
 */
export function useFormErrors<F extends string>(fields: readonly F[], ruleErrors: FieldErrors<F>) {
  const [touched, setTouched] = useState<Partial<Record<F, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<FieldErrors<F>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const touch = (field: F) => setTouched((current) => ({ ...current, [field]: true }));
  return {
    formError,
    errorOf: (field: F) => serverErrors[field] ?? (touched[field] ? ruleErrors[field] : undefined),
    touch,
    /** The user changed the field: its rules apply from now on, and the server's old verdict no longer does. */
    edited(field: F) {
      touch(field);
      setServerErrors((current) => ({ ...current, [field]: undefined }));
    },
    /** On submit: shows every rule error; true when the form may be sent. */
    validateAll(): boolean {
      setTouched(Object.fromEntries(fields.map((field) => [field, true])) as Record<F, boolean>);
      setFormError(null);
      return fields.every((field) => !ruleErrors[field]);
    },
    /** Puts the API's error on the field it names, or above the form. */
    showProblem(error: unknown) {
      const problem = graphqlProblem(error);
      const field = problem.field?.replace(/^in\./, "") as F | undefined;
      if (field && fields.includes(field)) setServerErrors({ [field]: problem.message } as FieldErrors<F>);
      else setFormError(problem.message);
    },
    reset() {
      setTouched({});
      setServerErrors({});
      setFormError(null);
    },
  };
}
