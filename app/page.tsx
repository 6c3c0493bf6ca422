import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { LogoutButton } from "../components/auth/logout-button";
import { SESSION_COOKIE, userForSession } from "../graphql/user/session.service";
import { getDb } from "../lib/db";
import { startup } from "../lib/startup";

export const dynamic = "force-dynamic";

/** Start page: who is signed in and where to go. The full console arrives with its own issue. */
export default async function HomePage() {
  await startup();
  const cookie = (await cookies()).get(SESSION_COOKIE)?.value;
  const user = cookie ? await userForSession(getDb(), cookie) : null;
  if (!user) redirect("/login");
  return (
    <section>
      <h1>Welcome</h1>
      <p className="lead">
        Signed in as <strong>{user.email}</strong> ({user.role.toLowerCase()}).
      </p>
      <ul className="links">
        <li>
          <a href="/api/graphql">
            GraphQL explorer
            <small>Query and manage integration systems, API tokens and the audit log.</small>
          </a>
        </li>
        <li>
          <a href="/api/health">
            Health
            <small>Whether the server and its database are up.</small>
          </a>
        </li>
      </ul>
      <LogoutButton />
    </section>
  );
}
