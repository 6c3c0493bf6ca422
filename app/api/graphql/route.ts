import { graphqlServer, hotPathRoute } from "@/app/graphql-server";

// The same handler the custom server's fast path calls (server/main.ts); this file
// serves it under `next dev` and is Next's record that the route exists. Its
// answers get the fast path's headers (asHotPathResponse): test/parity.server.test.ts.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handle = hotPathRoute(graphqlServer);

export { handle as GET, handle as POST, handle as OPTIONS };
