import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { SESSION_COOKIE, userForSession } from "@/domain/users/session.service";
import { getDb } from "../../lib/db";
import { startup } from "@/app/startup";

// Once per request, though both the layout and the page ask.
const currentUser = cache(async () => {
  await startup();
  const cookie = (await cookies()).get(SESSION_COOKIE)?.value;
  return cookie ? userForSession(getDb(), cookie) : null;
});

/** The signed-in console user, or a redirect to the login page that comes back to `returnTo`. */
export async function requireConsoleUser(returnTo: string) {
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(returnTo)}`);
  return user;
}
