import { createSession } from "@/domain/users/session.service";
import { completeSetup } from "@/domain/users/user.service";
import { getConfig } from "@/lib/config";
import { getInstance } from "@/app/instance";
import { clientAddress, isSecureRequest, jsonError, readSameSiteJson, stringField } from "@/lib/http";
import { startup } from "@/app/startup";
import { jsonRoute } from "@/app/api/auth/json-route";
import { signedInResponse } from "@/app/api/auth/session-cookie";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = jsonRoute("setup", completeFirstAdminSetup);

/** JSON {token, email, password} from the one-time setup link → the first admin, signed in. */
async function completeFirstAdminSetup(request: Request): Promise<Response> {
  await startup();
  const body = await readSameSiteJson(request);
  if (body instanceof Response) return body;
  const token = stringField(body, "token");
  const email = stringField(body, "email");
  const password = stringField(body, "password");
  if (!token || !email || !password) return jsonError(400, "invalid_request", "Send token, email and password");
  // A bad link or input is a DomainError, answered by jsonRoute.
  const user = await completeSetup(getInstance().db, token, { email, password });
  const session = await createSession(getInstance().db, user.id, getConfig().sessionTtlHours, {
    address: clientAddress(request),
    userAgent: request.headers.get("user-agent"),
    method: "SETUP_LINK",
  });
  return signedInResponse(session, isSecureRequest(request));
}
