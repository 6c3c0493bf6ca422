import { completePasswordReset } from "@/domain/users/user.service";
import { getInstance } from "@/app/instance";
import { jsonFormRoute } from "@/app/api/auth/json-route";
import { signedInByLink } from "@/app/api/auth/session-cookie";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** JSON {token, password} from an invitation or reset link → the new password set, and signed in. */
export const POST = jsonFormRoute(
  "password reset",
  { fields: ["token", "password"], missing: "Send token and password" },
  async ({ token, password }, request) => {
    // A bad link or password is a DomainError, answered by jsonRoute with its field.
    const user = await completePasswordReset(getInstance().db, token, password);
    return signedInByLink(request, user.id, "RESET_LINK");
  },
);
