"use client";

import { type FormEvent, useEffect, useState } from "react";
import { PASSWORD_MIN } from "@/lib/user-rules";
import { NewPasswordFields, passwordMismatch, postJson, useAuthPost } from "@/components/auth/form-parts";
import { FormAlert } from "@/components/ui/form-alert";

/**
 * Sets a password from an invitation or reset link. The token is in the URL's
 * fragment (never sent to a server); it is read once and taken out of the
 * address bar, so it does not linger in history or a screenshot.
 */
export function ResetPasswordForm() {
  const [token, setToken] = useState<string | null | undefined>(undefined);
  const post = useAuthPost<"password">();

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
    const mismatch = passwordMismatch(event.currentTarget);
    if (mismatch) return post.refuse("password", mismatch);
    const password = new FormData(event.currentTarget).get("password");
    const sent = await post.post(
      () => postJson("/api/auth/reset-password", { token, password }),
      ({ message, field }) => ({ message, field: field === "password" ? "password" : undefined }),
    );
    if (sent) window.location.assign("/");
  }

  return (
    <form onSubmit={submit} noValidate>
      <FormAlert message={post.formError} />
      <NewPasswordFields label="New password" min={PASSWORD_MIN} error={post.errorOf("password")} />
      <button className="button" type="submit" disabled={post.busy}>
        {post.busy ? "Saving…" : "Set password and sign in"}
      </button>
    </form>
  );
}
