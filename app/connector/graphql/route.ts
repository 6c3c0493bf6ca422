import { connectorServer, hotPathRoute } from "@/app/graphql-server";

// The Connector (Compass's connector schema): the same handler the custom server's fast path calls
// (server/fast-path.ts); this file serves it under `next dev`. Without a listener there is no TLS
// peer, so only the Connector-Token (and a trusted proxy's X-Forwarded-Client-Cert, which needs the
// node request) authenticate here: certificate renewal goes through server/main.ts.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = hotPathRoute(connectorServer);
