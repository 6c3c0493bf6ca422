"use client";

import { type FormEvent, useState } from "react";
import { useToast } from "@/components/ui/toast";
import { graphqlProblem } from "./graphql-problem";

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/**
 * The error state every console form shares. A rule broken in the browser
 * shows once its field has been touched; the server's own error lands on the
 * field it names (`in.name` → `name`) until that field is edited again; any
 * other error goes above the form. With `touchOnBlur`, a field's rules show
 * from the moment the user leaves it, typed in or not.
 */
export function useFormErrors<F extends string>(fields: readonly F[], ruleErrors: FieldErrors<F>, { touchOnBlur = false }: { touchOnBlur?: boolean } = {}) {
  const [touched, setTouched] = useState<Partial<Record<F, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<FieldErrors<F>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const touch = (field: F) => setTouched((current) => ({ ...current, [field]: true }));
  /** The user changed the field: its rules apply from now on, and the server's old verdict no longer does. */
  const edited = (field: F) => {
    touch(field);
    setServerErrors((current) => ({ ...current, [field]: undefined }));
  };
  const errorOf = (field: F) => serverErrors[field] ?? (touched[field] ? ruleErrors[field] : undefined);
  /** An onChange for a field's input: keeps the value and marks the field as edited. */
  const changeOf =
    <V = string>(field: F, set: (value: V) => void) =>
    (value: V) => {
      set(value);
      edited(field);
    };
  return {
    formError,
    errorOf,
    touch,
    changeOf,
    /** A text field's (or a select's) value, change and error (and its touch on blur, with `touchOnBlur`). */
    bind: <V extends string = string>(field: F, value: V, set: (value: V) => void) => ({
      value,
      onChange: changeOf<V>(field, set),
      error: errorOf(field),
      ...(touchOnBlur ? { onBlur: () => touch(field) } : {}),
    }),
    edited,
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

/**
 * The save cycle every console form shares: on submit, check the rules, then
 * `send`; on failure the problem lands on its field or above the form, and
 * the form stays as it was for another try. `saving` is true while it runs,
 * and after success too when the form `leavesOnSuccess` (its page changes):
 * until it is gone, a second click cannot send it twice.
 */
export function useFormSubmit(
  form: { validateAll(): boolean; showProblem(error: unknown): void; formError: string | null },
  send: () => Promise<void>,
  { leavesOnSuccess = false }: { leavesOnSuccess?: boolean } = {},
) {
  const [saving, setSaving] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.validateAll()) return;
    setSaving(true);
    try {
      await send();
      if (!leavesOnSuccess) setSaving(false);
    } catch (error) {
      form.showProblem(error);
      setSaving(false);
    }
  }
  /** What a FormDialog takes of the cycle: `<FormDialog {...submission} …>`. */
  const submission = { saving, formError: form.formError, onSubmit: submit };
  return { saving, submit, submission };
}

/**
 * The save cycle of a form in a dialog: `send` answers what to tell the user,
 * shown as a toast; then the opener hears of it (`onSaved`) and the dialog
 * closes. Saving stays on until the dialog is gone.
 */
export function useDialogSubmit(
  form: Parameters<typeof useFormSubmit>[0],
  send: () => Promise<string>,
  { onSaved, onClose }: { onSaved?: () => void; onClose: () => void },
) {
  const toast = useToast();
  return useFormSubmit(
    form,
    async () => {
      toast.success(await send());
      onSaved?.();
      onClose();
    },
    { leavesOnSuccess: true },
  );
}
