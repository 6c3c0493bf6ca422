import { completeSetup } from "@/domain/users/user.service";
import { getInstance } from "@/app/instance";
import { jsonFormRoute } from "@/app/api/auth/json-route";
import { signedInByLink } from "@/app/api/auth/session-cookie";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** JSON {token, email, password} from the one-time setup link → the first admin, signed in. */
export const POST = jsonFormRoute(
  "setup",
  { fields: ["token", "email", "password"], missing: "Send token, email and password" },
  async ({ token, email, password }, request) => {
    // A bad link or input is a DomainError, answered by jsonRoute.
    const user = await completeSetup(getInstance().db, token, { email, password });
    return signedInByLink(request, user.id, "SETUP_LINK");
  },
);
