import { GraphQLError } from "graphql";
import { withConsoleTheme } from "./graphiql-theme";
import { type Plugin, createSchema, createYoga } from "graphql-yoga";
import { BodyTooLargeError, ClientAbortedError, isCrossSiteRequest, publicOrigin, readBodyText } from "@/lib/http";
import { log } from "@/lib/logger";
import { GRAPHQL_PATH } from "@/lib/paths";
import type { AccessTokenVerifier } from "@/domain/principals/authenticate";
import type { Instance } from "@/domain/instance";
import { createLoaders, type GraphQLContext } from "./context";
import { maskError } from "./errors";
import { useErrorCodes } from "./plugins/error-codes";
import { DEFAULT_QUERY_LIMITS, useQueryLimits } from "./plugins/query-limits";
import { useEmptyArgumentLists } from "./plugins/empty-argument-lists";
import { useTextInputCheck } from "./plugins/text-input";
import { useOperationMetrics } from "./plugins/operation-metrics";
import { useRequestIdOnErrors } from "./plugins/request-id";
import { metricsOn } from "@/lib/metrics";
import { tracingGraphQLPlugin } from "@/lib/tracing";
import { knownPrincipal, payloadTooLarge, principalOf, useRequestGuard } from "./plugins/request-guard";
import { resolvers } from "./resolvers.generated";
import { TENANT_HEADER, confinedTenantOf, tenantScope } from "@/domain/tenants/tenant-scope";
import { typeDefs } from "./typeDefs.generated";

/**
 * A GraphQLError's string form quotes the document around the error, and a
 * document can hold a password or a secret as a literal: the log gets the
 * message alone.
 */
function yogaLogLine(value: unknown): string {
  return value instanceof GraphQLError ? value.message : String(value);
}

export interface GraphQLServerOptions {
  /**
   * The authorization server's access-token check. GraphQL and oauth2/ never
   * import each other: app/instance.ts and the test harness pass the
   * instance's authorization server's verifyAccessToken in.
   */
  verifyAccessToken: AccessTokenVerifier;
}

/** The GraphQL server of one instance (domain/instance.ts); app/instance.ts builds it, once per instance. */
export function createGraphQLServer(instance: Instance, { verifyAccessToken }: GraphQLServerOptions) {
  const { config } = instance;
  return createYoga<object, GraphQLContext>({
    graphqlEndpoint: GRAPHQL_PATH,
    schema: createSchema({ typeDefs, resolvers }),
    landingPage: false,
    maskedErrors: { maskError },
    // Browsers on other sites may call with a bearer token, never with the
    // session cookie: no Access-Control-Allow-Credentials.
    cors: { origin: "*", credentials: false, methods: ["GET", "POST"], allowedHeaders: ["authorization", "content-type", TENANT_HEADER] },
    // Errors are logged where they are masked, with their error id; yoga's own
    // copy (a bare stack, not JSON) would only repeat them.
    logging: {
      debug: (...args) => log.debug(yogaLogLine(args[0])),
      info: (...args) => log.debug(yogaLogLine(args[0])),
      warn: (...args) => log.warn(yogaLogLine(args[0])),
      error: (...args) => log.debug(yogaLogLine(args[0])),
    },
    // GraphiQL from the product's own bundle: Yoga's default page loads its
    // assets from a CDN, which a network without internet never answers.
    // Loaded on the first page asked for: the bundle is about 30 MB of strings
    // on the heap, which an API-only instance should not carry.
    renderGraphiQL: async (options) => withConsoleTheme((await import("@graphql-yoga/render-graphiql")).renderGraphiQL(options), options?.title ?? "GraphiQL"),
    // GraphiQL only for signed-in users; everyone else is sent to the login page.
    graphiql: async (request) => ((await principalOf(request, instance, verifyAccessToken).catch(() => null)) ? { title: "Compass Director GraphQL" } : false),
    context: ({ request }) => {
      const { db } = instance;
      return {
        instance,
        db,
        // Read per request: the instance's configuration is the process's current one (app/instance.ts).
        config: instance.config,
        principal: knownPrincipal(request),
        origin: publicOrigin(request),
        loaders: createLoaders(db),
        tenant: tenantScope(db, request.headers.get(TENANT_HEADER), confinedTenantOf(knownPrincipal(request))),
      };
    },
    plugins: [
      useRequestGuard({
        instance,
        verifyAccessToken,
        maxBodyBytes: config.maxBodyBytes,
        isCrossSite: isCrossSiteRequest,
        readBody: (request, maxBytes) =>
          readBodyText(request, maxBytes).catch((error: unknown) => {
            if (error instanceof BodyTooLargeError) throw payloadTooLarge(maxBytes);
            if (error instanceof ClientAbortedError) {
              // A client event, not a server error: nobody is left to read the answer.
              log.debug("client aborted the request body at the GraphQL endpoint");
              throw new GraphQLError(error.message, { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });
            }
            throw error;
          }),
      }),
      useEmptyArgumentLists(),
      useQueryLimits({ ...DEFAULT_QUERY_LIMITS, maxDepth: config.graphqlMaxDepth, maxCost: config.graphqlMaxCost }),
      useTextInputCheck(),
      useErrorCodes(),
      useRequestIdOnErrors(),
      // Only with METRICS_PORT: without, not even a no-op hook per operation.
      ...(metricsOn() ? [useOperationMetrics()] : []),
      // Only with OTEL_EXPORTER_OTLP_ENDPOINT (server/tracing.ts): operation and resolver spans.
      ...((tracingGraphQLPlugin() as Plugin | null) ? [tracingGraphQLPlugin() as Plugin] : []),
    ],
  });
}

export type GraphQLServer = ReturnType<typeof createGraphQLServer>;
