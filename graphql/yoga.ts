import { GraphQLError } from "graphql";
import { createSchema, createYoga } from "graphql-yoga";
import { getConfig } from "../lib/config";
import { type Db, getDb } from "../lib/db";
import { createLoaders, type GraphQLContext } from "./context";
import { internalError } from "./errors";
import { useErrorCodes } from "./plugins/error-codes";
import { useQueryLimits } from "./plugins/query-limits";
import { useTextInputCheck } from "./plugins/text-input";
import { knownPrincipal, principalOf, useRequestGuard } from "./plugins/request-guard";
import { resolvers } from "./resolvers.generated";
import { typeDefs } from "./typeDefs.generated";

export const GRAPHQL_PATH = "/api/graphql";

/** The origin absolute URLs are built from: PUBLIC_URL, else the request's own. */
export function publicOrigin(request: Request): string {
  const config = getConfig();
  if (config.publicUrl) return config.publicUrl;
  const url = new URL(request.url);
  if (config.trustProxy) {
    const proto = request.headers.get("x-forwarded-proto")?.split(",")[0].trim();
    const host = request.headers.get("x-forwarded-host")?.split(",")[0].trim();
    if (proto && host) return `${proto}://${host}`;
  }
  return url.origin;
}

/**
 * GraphQL errors (ours, and graphql-js's own about the request) pass through;
 * anything else is a bug or an outage and leaves as a code and an id, with the
 * details in the log under that id.
 */
function maskError(error: unknown): Error {
  const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  if (original instanceof GraphQLError) return error as Error;
  return internalError(original, error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {});
}

export function createGraphQLServer(db: () => Db = getDb) {
  const config = getConfig();
  return createYoga<object, GraphQLContext>({
    graphqlEndpoint: GRAPHQL_PATH,
    schema: createSchema({ typeDefs, resolvers }),
    landingPage: false,
    maskedErrors: { maskError },
    // GraphiQL only for signed-in users; everyone else is sent to the login page.
    graphiql: async (request) =>
      (await principalOf(request, db()).catch(() => null)) ? { title: "Compass Director GraphQL" } : false,
    context: ({ request }) => ({
      db: db(),
      principal: knownPrincipal(request),
      origin: publicOrigin(request),
      loaders: createLoaders(db()),
    }),
    plugins: [
      useRequestGuard({
        db,
        maxBodyBytes: config.maxBodyBytes,
        isSameOrigin: (request, origin) => origin === publicOrigin(request),
      }),
      useQueryLimits({ maxTokens: 5000, maxDepth: config.graphqlMaxDepth, maxCost: config.graphqlMaxCost }),
      useTextInputCheck(),
      useErrorCodes(),
    ],
  });
}

export type GraphQLServer = ReturnType<typeof createGraphQLServer>;

// One server per process, shared by the route file and the custom server's fast path.
const KEY = Symbol.for("compass.graphqlServer");
const store = globalThis as typeof globalThis & { [KEY]?: GraphQLServer };

export function getGraphQLServer(): GraphQLServer {
  return (store[KEY] ??= createGraphQLServer());
}
