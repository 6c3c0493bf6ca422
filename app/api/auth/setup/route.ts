import { isExpectedError } from "@/domain/errors";
import { createSession, signedInResponse } from "@/domain/users/session.service";
import { completeSetup } from "@/domain/users/user.service";
import { getConfig } from "../../../../lib/config";
import { getDb } from "../../../../lib/db";
import { isSecureRequest, jsonError, readSameSiteJson, stringField } from "../../../../lib/http";
import { startup } from "@/app/startup";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** JSON {token, email, password} from the one-time setup link → the first admin, signed in. */
export async function POST(request: Request): Promise<Response> {
  await startup();
  const body = await readSameSiteJson(request);
  if (body instanceof Response) return body;
  const token = stringField(body, "token");
  const email = stringField(body, "email");
  const password = stringField(body, "password");
  if (!token || !email || !password) return jsonError(400, "invalid_request", "Send token, email and password");
  try {
    const user = await completeSetup(getDb(), token, { email, password });
    const session = await createSession(getDb(), user.id, getConfig().sessionTtlHours);
    return signedInResponse(session, isSecureRequest(request));
  } catch (error) {
    if (!isExpectedError(error)) throw error;
    return Response.json(
      { error: "invalid_request", message: error.message, field: error.extensions.field ?? null },
      { status: 400, headers: { "cache-control": "no-store" } },
    );
  }
}
