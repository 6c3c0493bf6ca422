import { login } from "@/domain/users/login.service";
import { getConfig } from "@/lib/config";
import { getInstance } from "@/app/instance";
import { clientAddress, isSecureRequest, jsonError, readSameSiteJson, stringField } from "@/lib/http";
import { startup } from "@/app/startup";
import { jsonRoute } from "@/app/api/auth/json-route";
import { signedInResponse } from "@/app/api/auth/session-cookie";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = jsonRoute("sign-in", signIn);

/** JSON {email, password} → 204 with the session cookie. */
async function signIn(request: Request): Promise<Response> {
  await startup();
  const body = await readSameSiteJson(request);
  if (body instanceof Response) return body;
  const email = stringField(body, "email");
  const password = stringField(body, "password");
  if (!email || !password) return jsonError(400, "invalid_request", "Send both email and password");

  const origin = { address: clientAddress(request), userAgent: request.headers.get("user-agent") };
  const result = await login(getInstance(), { email, password }, origin, getConfig().sessionTtlHours);
  switch (result.outcome) {
    case "throttled":
      return jsonError(429, "too_many_attempts", `Too many failed logins: try again in ${result.retryAfterSeconds} s`, {
        "retry-after": String(result.retryAfterSeconds),
      });
    case "invalid":
      return jsonError(401, "invalid_credentials", "Wrong email or password");
    case "ok":
      return signedInResponse(result, isSecureRequest(request));
  }
}
