import { type NextRequest, NextResponse } from "next/server";
import { NONCE_HEADER, newNonce, pageContentSecurityPolicy } from "./lib/security-headers";

/**
 * Every page: a Content-Security-Policy with a fresh nonce, which Next reads
 * from the request's CSP header and puts on its own script and style tags
 * (every page renders per request, see app/layout.tsx); and the path asked
 * for, so a signed-out visitor comes back to it after logging in (layouts
 * cannot read the URL).
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const policy = pageContentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set(NONCE_HEADER, nonce);
  headers.set("x-console-path", request.nextUrl.pathname + request.nextUrl.search);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

// Pages only: the API, OAuth2 endpoints and static files set their own headers (HOT_PATH_HEADERS in lib/security-headers.ts).
export const config = { matcher: ["/((?!api/|oauth2/|\\.well-known/|_next/|icon\\.svg|favicon\\.ico).*)"] };
