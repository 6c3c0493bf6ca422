import { login } from "@/domain/users/login.service";
import { getConfig } from "@/lib/config";
import { getInstance } from "@/app/instance";
import { clientAddress, isSecureRequest, jsonError } from "@/lib/http";
import { jsonFormRoute } from "@/app/api/auth/json-route";
import { signedInResponse } from "@/app/api/auth/session-cookie";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** JSON {email, password} → 204 with the session cookie. */
export const POST = jsonFormRoute(
  "sign-in",
  { fields: ["email", "password"], missing: "Send both email and password" },
  async ({ email, password }, request) => {
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
  },
);
