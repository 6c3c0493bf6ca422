import { createSession, sessionCookieName } from "@/domain/users/session.service";
import { getConfig } from "@/lib/config";
import { getInstance } from "@/app/instance";
import { clientAddress, isSecureRequest } from "@/lib/http";

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

/** A new session for a user who has just proved who they are by a one-time link, and the 204 that signs the browser in with it. */
export async function signedInByLink(request: Request, userId: string, method: "SETUP_LINK" | "RESET_LINK"): Promise<Response> {
  const session = await createSession(getInstance().db, userId, getConfig().sessionTtlHours, {
    address: clientAddress(request),
    userAgent: request.headers.get("user-agent"),
    method,
  });
  return signedInResponse(session, isSecureRequest(request));
}
