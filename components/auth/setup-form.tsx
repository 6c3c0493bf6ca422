"use client";

import type { FormEvent } from "react";
import { NewPasswordFields, passwordMismatch, postJson, useAuthPost } from "./form-parts";
import { FormAlert } from "@/components/ui/form-alert";

/** Creates the first admin from a one-time setup link, then signs them in. */
export function SetupForm({ token, passwordMin }: { token: string; passwordMin: number }) {
  const post = useAuthPost<"email" | "password">();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const mismatch = passwordMismatch(event.currentTarget);
    if (mismatch) return post.refuse("password", mismatch);
    const form = new FormData(event.currentTarget);
    const sent = await post.post(
      () => postJson("/api/auth/setup", { token, email: form.get("email"), password: form.get("password") }),
      ({ message, field }) => ({ message, field: field === "setup.email" ? "email" : field === "setup.password" ? "password" : undefined }),
    );
    if (sent) window.location.assign("/");
  }

  const emailError = post.errorOf("email");
  return (
    <form onSubmit={submit} noValidate>
      <FormAlert message={post.formError} />
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required aria-describedby="email-error" />
        {emailError && (
          <span id="email-error" className="field-error">
            {emailError}
          </span>
        )}
      </div>
      <NewPasswordFields label="Password" min={passwordMin} error={post.errorOf("password")} />
      <button className="button" type="submit" disabled={post.busy}>
        {post.busy ? "Creating…" : "Create admin and sign in"}
      </button>
    </form>
  );
}
