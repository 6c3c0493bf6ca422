import type { Metadata } from "next";
import { LogoutButton } from "@/components/auth/logout-button";
import { sessionCookieOfPage } from "@/app/(console)/current-user";
import { userForSession } from "@/domain/users/session.service";
import { getConfig } from "@/lib/config";
import { getInstance } from "@/app/instance";
import { startup } from "@/app/startup";

export const metadata: Metadata = { title: "Sign out" };
export const dynamic = "force-dynamic";

/**
 * Signing out is a POST (a link from another site must not sign anyone out),
 * so this page asks; after signing out it says so.
 */
export default async function LogoutPage() {
  await startup();
  const cookie = await sessionCookieOfPage();
  const user = cookie ? await userForSession(getInstance().db, cookie, getConfig().sessionIdleTimeoutMinutes) : null;
  return (
    <section className="card auth-card">
      {user ? (
        <>
          <h1>Sign out</h1>
          <p className="lead">
            You are signed in as <strong>{user.email}</strong>. Signing out ends this session on the server too.
          </p>
          <LogoutButton wide />
        </>
      ) : (
        <>
          <h1>You are signed out</h1>
          <p className="lead">Your session has ended. API tokens and integration systems&apos; credentials keep working.</p>
          <a className="button" href="/login">
            Sign in again
          </a>
        </>
      )}
    </section>
  );
}
