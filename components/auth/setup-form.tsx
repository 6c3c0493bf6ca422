"use client";

import { type FormEvent, useState } from "react";
import { postJson } from "./form-parts";
import { FormAlert } from "@/components/ui/form-alert";

type FieldErrors = Partial<Record<"email" | "password", string>>;

/** Creates the first admin from a one-time setup link, then signs them in. */
export function SetupForm({ token, passwordMin }: { token: string; passwordMin: number }) {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== form.get("confirm")) {
      setFieldErrors({ password: "The passwords do not match" });
      return;
    }
    setBusy(true);
    setError(null);
    setFieldErrors({});
    const result = await postJson("/api/auth/setup", { token, email: form.get("email"), password });
    if (result.ok) {
      window.location.assign("/");
      return;
    }
    const { message, field } = result;
    if (field === "setup.email") setFieldErrors({ email: message });
    else if (field === "setup.password") setFieldErrors({ password: message });
    else setError(message);
    setBusy(false);
  }

  return (
    <form onSubmit={submit} noValidate>
      <FormAlert message={error} />
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required aria-describedby="email-error" />
        {fieldErrors.email && (
          <span id="email-error" className="field-error">
            {fieldErrors.email}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={passwordMin}
          aria-describedby="password-hint password-error"
        />
        <span id="password-hint" className="hint">
          At least {passwordMin} characters.
        </span>
        {fieldErrors.password && (
          <span id="password-error" className="field-error">
            {fieldErrors.password}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor="confirm">Repeat password</label>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" required />
      </div>
      <button className="button" type="submit" disabled={busy}>
        {busy ? "Creating…" : "Create admin and sign in"}
      </button>
    </form>
  );
}
