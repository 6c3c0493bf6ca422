import { createSession } from "@/domain/users/session.service";
import { completePasswordReset } from "@/domain/users/user.service";
import { getConfig } from "@/lib/config";
import { getInstance } from "@/app/instance";
import { clientAddress, isSecureRequest, jsonError, readSameSiteJson, stringField } from "@/lib/http";
import { startup } from "@/app/startup";
import { jsonRoute } from "@/app/api/auth/json-route";
import { signedInResponse } from "@/app/api/auth/session-cookie";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = jsonRoute("password reset", resetPassword);

/** JSON {token, password} from an invitation or reset link → the new password set, and signed in. */
async function resetPassword(request: Request): Promise<Response> {
  await startup();
  const body = await readSameSiteJson(request);
  if (body instanceof Response) return body;
  const token = stringField(body, "token");
  const password = stringField(body, "password");
  if (!token || !password) return jsonError(400, "invalid_request", "Send token and password");
  // A bad link or password is a DomainError, answered by jsonRoute with its field.
  const user = await completePasswordReset(getInstance().db, token, password);
  const session = await createSession(getInstance().db, user.id, getConfig().sessionTtlHours, {
    address: clientAddress(request),
    userAgent: request.headers.get("user-agent"),
    method: "RESET_LINK",
  });
  return signedInResponse(session, isSecureRequest(request));
}
