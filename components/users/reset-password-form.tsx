"use client";

import { type FormEvent, useEffect, useState } from "react";
import { PASSWORD_MIN } from "@/lib/user-rules";
import { postJson } from "@/components/auth/form-parts";
import { FormAlert } from "@/components/ui/form-alert";

type FieldErrors = Partial<Record<"password", string>>;

/**
 * Sets a password from an invitation or reset link. The token is in the URL's
 * fragment (never sent to a server); it is read once and taken out of the
 * address bar, so it does not linger in history or a screenshot.
 */
export function ResetPasswordForm() {
  const [token, setToken] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const found = new URLSearchParams(window.location.hash.slice(1)).get("token");
    if (found) window.history.replaceState(null, "", window.location.pathname);
    // Read once after mount: the fragment exists only in the browser.
    setToken(found);
  }, []);

  if (token === undefined) return null;
  if (!token) {
    return (
      <p className="lead" role="alert">
        This page needs the link an admin gave you. Open that link again, or ask them for a new one.
      </p>
    );
  }

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
    const result = await postJson("/api/auth/reset-password", { token, password });
    if (result.ok) {
      window.location.assign("/");
      return;
    }
    if (result.field === "password") setFieldErrors({ password: result.message });
    else setError(result.message);
    setBusy(false);
  }

  return (
    <form onSubmit={submit} noValidate>
      <FormAlert message={error} />
      <div className="field">
        <label htmlFor="password">New password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          aria-describedby={fieldErrors.password ? "password-hint password-error" : "password-hint"}
          aria-invalid={fieldErrors.password ? true : undefined}
        />
        <span id="password-hint" className="hint">
          At least {PASSWORD_MIN} characters.
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
        {busy ? "Saving…" : "Set password and sign in"}
      </button>
    </form>
  );
}
