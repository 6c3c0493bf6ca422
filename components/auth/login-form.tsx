"use client";

import { type FormEvent, useState } from "react";
import { postJson, signInProblem } from "./form-parts";
import { FormAlert } from "@/components/ui/form-alert";

/** Posts JSON to /api/auth/login and follows `next` on success. */
export function LoginForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await postJson("/api/auth/login", { email: form.get("email"), password: form.get("password") });
    if (result.ok) {
      window.location.assign(next);
      return;
    }
    setError(signInProblem(result));
    setBusy(false);
  }

  return (
    <form onSubmit={submit} noValidate>
      <FormAlert message={error} />
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required autoFocus />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button className="button" type="submit" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
