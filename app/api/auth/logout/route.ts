import { endSession, sessionCookieValue } from "@/domain/users/session.service";
import { getInstance } from "@/app/instance";
import { isCrossSiteRequest, isSecureRequest, jsonError } from "@/lib/http";
import { jsonRoute } from "@/app/api/auth/json-route";
import { clearedSessionCookie } from "@/app/api/auth/session-cookie";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = jsonRoute("sign-out", signOut);

/** Ends the session server-side and clears the cookie; 204 even without a session. */
async function signOut(request: Request): Promise<Response> {
  // Another site must not be able to sign people out either.
  if (isCrossSiteRequest(request)) return jsonError(403, "cross_site", "Cross-site requests are refused");
  const cookie = sessionCookieValue(request.headers.get("cookie"), isSecureRequest(request));
  if (cookie) await endSession(getInstance().db, cookie);
  return new Response(null, {
    status: 204,
    headers: { "set-cookie": clearedSessionCookie(isSecureRequest(request)), "cache-control": "no-store" },
  });
}
