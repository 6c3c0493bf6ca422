import { startup } from "@/app/startup";
import { toFetchResponse } from "./protocol";
import { handleOAuthRequest } from "./routes";

/**
 * What the app/ route files of the authorization server export for every
 * method: the same handler as the fast path (server.ts), as a fetch handler.
 */
export async function oauthRouteHandler(request: Request): Promise<Response> {
  await startup();
  return toFetchResponse(await handleOAuthRequest(request));
}
