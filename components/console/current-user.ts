import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { SESSION_COOKIE, userForSession } from "../../graphql/user/session.service";
import { getDb } from "../../lib/db";
import { startup } from "../../lib/startup";

/** The signed-in console user, or a redirect to the login page that comes back to `returnTo`. */
export async function requireConsoleUser(returnTo: string) {
  await startup();
  const cookie = (await cookies()).get(SESSION_COOKIE)?.value;
  const user = cookie ? await userForSession(getDb(), cookie) : null;
  if (!user) redirect(`/login?next=${encodeURIComponent(returnTo)}`);
  return user;
}
