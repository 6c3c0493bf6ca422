"use client";

import type { FormEvent } from "react";
import { SignInFields, postSignIn, signInProblem, useAuthPost } from "./form-parts";
import { FormAlert } from "@/components/ui/form-alert";

/** Posts JSON to /api/auth/login and follows `next` on success. */
export function LoginForm({ next }: { next: string }) {
  const post = useAuthPost();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (
      await post.post(
        () => postSignIn(event.currentTarget),
        (refused) => ({ message: signInProblem(refused) }),
      )
    )
      window.location.assign(next);
  }

  return (
    <form onSubmit={submit} noValidate>
      <FormAlert message={post.formError} />
      <SignInFields focus="email" />
      <button className="button" type="submit" disabled={post.busy}>
        {post.busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
