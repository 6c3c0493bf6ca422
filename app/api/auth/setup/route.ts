import { isExpectedError } from "../../../../graphql/errors";
import { createSession, sessionCookie } from "../../../../graphql/user/session.service";
import { completeSetup } from "../../../../graphql/user/user.service";
import { getConfig } from "../../../../lib/config";
import { getDb } from "../../../../lib/db";
import { isCrossSiteRequest, isSecureRequest, jsonError, readJsonObject, stringField } from "../../../../lib/http";
import { startup } from "../../../../lib/startup";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** JSON {token, email, password} from the one-time setup link → the first admin, signed in. */
export async function POST(request: Request): Promise<Response> {
  await startup();
  // JSON bodies already keep out HTML forms; this also refuses other sites' scripts.
  if (isCrossSiteRequest(request)) return jsonError(403, "cross_site", "Cross-site requests are refused");
  const body = await readJsonObject(request);
  if (body instanceof Response) return body;
  const token = stringField(body, "token");
  const email = stringField(body, "email");
  const password = stringField(body, "password");
  if (!token || !email || !password) return jsonError(400, "invalid_request", "Send token, email and password");
  try {
    const user = await completeSetup(getDb(), token, { email, password });
    const session = await createSession(getDb(), user.id, getConfig().sessionTtlHours);
    return new Response(null, {
      status: 204,
      headers: { "set-cookie": sessionCookie(session.cookieValue, session.expiresAt, isSecureRequest(request)), "cache-control": "no-store" },
    });
  } catch (error) {
    if (!isExpectedError(error)) throw error;
    return Response.json(
      { error: "invalid_request", message: error.message, field: error.extensions.field ?? null },
      { status: 400, headers: { "cache-control": "no-store" } },
    );
  }
}
