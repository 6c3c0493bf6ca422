import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { ChangePasswordForm } from "@/components/users/change-password-form";
import { MySessions } from "@/components/users/my-sessions";
import { requireConsoleUser } from "@/app/(console)/current-user";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requireConsoleUser("/account");
  return (
    <>
      <PageHeader
        title="Your account"
        lead={
          <>
            Signed in as <strong>{user.email}</strong>, with the {user.role === "ADMIN" ? "Admin" : "Viewer"} role.
          </>
        }
      />
      <ChangePasswordForm />
      <section aria-labelledby="sessions-title" className="account-section">
        <div className="section-header">
          <h2 id="sessions-title">Your sessions</h2>
        </div>
        <p className="muted">Browsers signed in as you. End any you do not recognise, then change your password.</p>
        <MySessions />
      </section>
    </>
  );
}
