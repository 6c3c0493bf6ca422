"use client";

import { useMutation } from "@apollo/client/react";
import { useId, useState } from "react";
import { PASSWORD_MIN, passwordProblem } from "@/lib/user-rules";
import { FormAlert } from "@/components/ui/form-alert";
import { type FieldErrors, useFormErrors, useFormSubmit } from "@/components/console/use-form-errors";
import { TextField } from "@/components/ui/text-field";
import { useToast } from "@/components/ui/toast";
import { ChangePasswordDocument } from "./users.generated";

const FIELDS = ["currentPassword", "newPassword", "repeat"] as const;
type Field = (typeof FIELDS)[number];

function validate(current: string, next: string, repeat: string): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  if (!current) errors.currentPassword = "Enter your current password";
  const problem = passwordProblem(next);
  if (problem) errors.newPassword = problem;
  if (repeat !== next) errors.repeat = "The passwords do not match";
  return errors;
}

const EMPTY: Record<Field, string> = { currentPassword: "", newPassword: "", repeat: "" };

/** Changes the signed-in user's password; the server ends their other sessions and, unless unticked, revokes their API tokens. */
export function ChangePasswordForm() {
  const toast = useToast();
  const [values, setValues] = useState<Record<Field, string>>(EMPTY);
  // On by default: an API token made by whoever knew the old password must not outlive it.
  const [revokeApiTokens, setRevokeApiTokens] = useState(true);
  const revokeId = useId();
  const [change] = useMutation(ChangePasswordDocument, { refetchQueries: ["MySessions"] });
  const form = useFormErrors(FIELDS, validate(values.currentPassword, values.newPassword, values.repeat), { touchOnBlur: true });
  const { saving, submit } = useFormSubmit(form, async () => {
    await change({ variables: { currentPassword: values.currentPassword, newPassword: values.newPassword, revokeApiTokens } });
    setValues(EMPTY);
    form.reset();
    toast.success(`Password changed. Your other sessions have ended${revokeApiTokens ? " and your API tokens are revoked" : ""}.`);
  });

  /** A required password field's props, bound to its value. */
  const password = (name: Field) => ({
    type: "password" as const,
    required: true,
    ...form.bind(name, values[name], (value) => setValues((current) => ({ ...current, [name]: value }))),
  });

  return (
    <form className="card form-card" onSubmit={submit} noValidate aria-busy={saving} aria-labelledby="change-password-title">
      <h2 id="change-password-title">Change your password</h2>
      <FormAlert message={form.formError} />
      <TextField id="current-password" label="Current password" autoComplete="current-password" {...password("currentPassword")} />
      <TextField
        id="new-password"
        label="New password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN} characters. Your other sessions end when you change it.`}
        {...password("newPassword")}
      />
      <TextField id="repeat-password" label="Repeat the new password" autoComplete="new-password" {...password("repeat")} />
      <label className="checkbox" htmlFor={revokeId}>
        <input id={revokeId} type="checkbox" checked={revokeApiTokens} onChange={(event) => setRevokeApiTokens(event.target.checked)} />
        Also revoke my API tokens
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? "Changing…" : "Change password"}
        </button>
      </div>
    </form>
  );
}
