import { createGraphQLServer, type GraphQLServer } from "@/graphql/yoga";
import { type ConnectorServer, createConnectorServer } from "@/graphql/connector/connector-server";
import { asHotPathResponse } from "@/lib/security-headers";
import { getInstance, type Instance } from "./instance";
import { startup } from "./startup";

/**
 * The instance's GraphQL server, built on first use with the instance's
 * access-token check (graphql/ and oauth2/ never import each other). Apart
 * from app/instance.ts so that pages, which need the instance but never
 * GraphQL, do not load the schema and resolvers.
 */
export function graphqlServer(instance: Instance): GraphQLServer {
  return (instance.graphql ??= createGraphQLServer(instance, { verifyAccessToken: instance.oauth2.verifyAccessToken }));
}

/** The instance's Connector (Compass's connector schema at CONNECTOR_PATH), built on first use. */
export function connectorServer(instance: Instance): ConnectorServer {
  return (instance.connector ??= createConnectorServer(instance));
}

/**
 * A route file's handler for one of these servers: the same one the custom server's fast path calls
 * (server/main.ts), served under `next dev`, with the fast path's headers (test/parity.server.test.ts).
 */
export function hotPathRoute(serverOf: (instance: Instance) => { fetch(request: Request): Response | Promise<Response> }) {
  return async (request: Request): Promise<Response> => {
    const instance = getInstance();
    await startup(instance);
    return asHotPathResponse(await serverOf(instance).fetch(request));
  };
}
