import { sessionCookieName } from "@/domain/users/session.service";

/** The session cookie's Set-Cookie headers: HTTP, so at the edge rather than in the domain's session service. */
function sessionCookie(value: string, expiresAt: Date, secure: boolean): string {
  return [
    `${sessionCookieName(secure)}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expiresAt.toUTCString()}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

/** 204 No Content that signs the browser in with a new session. */
export function signedInResponse(session: { cookieValue: string; expiresAt: Date }, secure: boolean): Response {
  return new Response(null, {
    status: 204,
    headers: { "set-cookie": sessionCookie(session.cookieValue, session.expiresAt, secure), "cache-control": "no-store" },
  });
}

export function clearedSessionCookie(secure: boolean): string {
  return [`${sessionCookieName(secure)}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0", ...(secure ? ["Secure"] : [])].join("; ");
}
