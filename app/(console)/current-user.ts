import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { sessionCookieValue, userForSession } from "@/domain/users/session.service";
import { getConfig } from "@/lib/config";
import { getInstance } from "@/app/instance";
import { isSecureRequest } from "@/lib/http";
import { startup } from "@/app/startup";

// Once per request, though both the layout and the page ask.
const currentUser = cache(async () => {
  await startup();
  const cookie = await sessionCookieOfPage();
  return cookie ? userForSession(getInstance().db, cookie, getConfig().sessionIdleTimeoutMinutes) : null;
});

/** The signed-in console user, or a redirect to the login page that comes back to `returnTo`. */
export async function requireConsoleUser(returnTo: string) {
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(returnTo)}`);
  return user;
}

/** The session cookie of the page's request (Server Components see headers, not the request). */
export async function sessionCookieOfPage(): Promise<string | null> {
  const requestHeaders = await headers();
  return sessionCookieValue(requestHeaders.get("cookie"), isSecureRequest({ url: "http://localhost/", headers: requestHeaders }));
}
