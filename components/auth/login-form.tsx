"use client";

import { SignInFields, useSignIn } from "./form-parts";
import { FormAlert } from "@/components/ui/form-alert";

/** Posts JSON to /api/auth/login and follows `next` on success. */
export function LoginForm({ next }: { next: string }) {
  const signIn = useSignIn(() => window.location.assign(next));
  return (
    <form onSubmit={signIn.submit} noValidate>
      <FormAlert message={signIn.formError} />
      <SignInFields focus="email" />
      <button className="button" type="submit" disabled={signIn.busy}>
        {signIn.busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
