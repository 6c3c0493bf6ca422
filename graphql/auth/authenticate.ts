import type { Db } from "../../lib/db";
import { API_TOKEN_PREFIX, userForApiToken } from "../api-token/api-token.service";
import { unauthenticated } from "../errors";
import { SESSION_COOKIE, readCookie, userForSession } from "../user/session.service";
import { type Principal, userPrincipal } from "./principal";

/**
 * Finds who sent a request: a bearer token (personal API token; OAuth2 access
 * tokens come with the OAuth2 issue) or the session cookie. A credential that
 * is present but invalid is an error rather than anonymity, so a caller with a
 * revoked token learns it at once.
 */
export async function authenticate(db: Db, headers: Headers): Promise<Principal | null> {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw unauthenticated("Malformed Authorization header: expected Bearer <token>");
    const token = match[1];
    if (token.startsWith(API_TOKEN_PREFIX)) {
      const found = await userForApiToken(db, token);
      if (!found) throw unauthenticated("The API token is invalid, expired or revoked");
      return userPrincipal(found.user, "API_TOKEN", found.apiTokenId);
    }
    throw unauthenticated("Unknown kind of bearer token");
  }
  const cookie = readCookie(headers.get("cookie"), SESSION_COOKIE);
  if (cookie) {
    const user = await userForSession(db, cookie);
    if (!user) throw unauthenticated("Your session has expired: log in again");
    return userPrincipal(user, "SESSION");
  }
  return null;
}
