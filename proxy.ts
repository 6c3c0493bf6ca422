import { type NextRequest, NextResponse } from "next/server";

/**
 * Tells the console's layout which page was asked for, so a signed-out
 * visitor comes back to it after logging in (layouts cannot read the URL).
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-console-path", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

// Pages only: the API, OAuth2 endpoints and static files never need it.
export const config = { matcher: ["/((?!api/|oauth2/|\\.well-known/|_next/|icon\\.svg|favicon\\.ico).*)"] };
