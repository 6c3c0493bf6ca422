import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/users/reset-password-form";

export const metadata: Metadata = { title: "Choose a password" };

/** Target of invitation and password reset links; the token is in the fragment, read by the form. */
export default function ResetPasswordPage() {
  return (
    <section className="card auth-card">
      <h1>Choose a password</h1>
      <p className="lead">This link works once. When you have set the password, you are signed in.</p>
      <ResetPasswordForm />
    </section>
  );
}
