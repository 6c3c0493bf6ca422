import type { IncomingMessage } from "node:http";
import { GraphQLError, type OperationDefinitionNode, type ValidationContext } from "graphql";
import { type Plugin, createSchema, createYoga } from "graphql-yoga";
import { BodyTooLargeError, readBodyText } from "@/lib/http";
import { publicOrigin } from "@/lib/http";
import { log } from "@/lib/logger";
import { CONNECTOR_PATH, GRAPHQL_PATH } from "@/lib/paths";
import { presentedClientCertificate } from "@/lib/client-certificate";
import type { Instance } from "@/domain/instance";
import { unauthenticated } from "@/domain/errors";
import { identifyClientCertificate } from "@/domain/pairing/client-certificates.service";
import { type ConnectorCaller, connectorConfiguration, revokeOwnCertificate, signCertificateRequest } from "@/domain/pairing/connector.service";
import { pairingSettings } from "@/domain/pairing/settings";
import { maskError } from "@/graphql/errors";
import { useEmptyArgumentLists } from "@/graphql/plugins/empty-argument-lists";
import { payloadTooLarge } from "@/graphql/plugins/request-guard";

/** Compass's Connector schema (components/connector/pkg/graphql/externalschema/schema.graphql), as its clients query it. */
const typeDefs = /* GraphQL */ `
  type Token { token: String! }
  type CertificationResult { certificateChain: String! caCertificate: String! clientCertificate: String! }
  type ManagementPlaneInfo { directorURL: String certificateSecuredConnectorURL: String }
  type Configuration {
    token: Token
    certificateSigningRequestInfo: CertificateSigningRequestInfo
    managementPlaneInfo: ManagementPlaneInfo
  }
  type CertificateSigningRequestInfo { subject: String! keyAlgorithm: String! }
  type Query {
    "The subject to put in the CSR and a fresh token for signing; spends the Connector-Token sent."
    configuration: Configuration!
  }
  type Mutation {
    "The CSR (base64 of its PEM) signed: the certificate, the chain (it, then the CA) and the CA, each base64 of PEM."
    signCertificateSigningRequest(csr: String!): CertificationResult!
    "Revokes the client certificate the request was made with."
    revokeCertificate: Boolean!
  }
`;

/** The header Compass's Connector reads its token from. */
const CONNECTOR_TOKEN_HEADER = "connector-token";

interface ConnectorContext {
  instance: Instance;
  origin: string;
  caller: () => Promise<ConnectorCaller | null>;
}

/** Who calls: the Connector-Token, else a client certificate the Connector issued (TLS or a trusted proxy's header). */
async function callerOf(instance: Instance, request: Request, req: IncomingMessage | undefined): Promise<ConnectorCaller | null> {
  const token = request.headers.get(CONNECTOR_TOKEN_HEADER);
  if (token) return { kind: "TOKEN", token: token.trim() };
  const presented = req ? presentedClientCertificate(req, instance.config.trustProxy) : null;
  if (!presented) return null;
  if ("refused" in presented) throw unauthenticated(`Client certificate refused: ${presented.refused}`);
  const identity = await identifyClientCertificate(instance.db, presented.certificate, pairingSettings(instance.config).clientCertificates);
  if (identity.kind !== "ISSUED") throw unauthenticated("Client certificate refused: the Connector serves only certificates it issued");
  const { kind: _issued, ...issued } = identity;
  return { kind: "CERTIFICATE", ...issued };
}

/** The largest request the Connector reads: a 4096-bit RSA CSR, base64 of PEM, is under 5 KiB. */
const MAX_BODY_BYTES = 32 * 1024;

/**
 * POST with a JSON body of at most MAX_BODY_BYTES, one root field per operation (each of the Connector's
 * fields spends or issues a token, so aliases must not multiply them in one request), answers not cached.
 */
function useConnectorGuard(): Plugin {
  return {
    // Its answers hold tokens and certificates: never cached on the way.
    onResponse({ response }) {
      response.headers.set("cache-control", "no-store");
    },
    onRequestParse({ request, setRequestParser }) {
      if (request.method !== "POST") return;
      setRequestParser(async (req) => {
        let text: string;
        try {
          text = await readBodyText(req, MAX_BODY_BYTES);
        } catch (error) {
          if (error instanceof BodyTooLargeError) throw payloadTooLarge(MAX_BODY_BYTES);
          throw error;
        }
        try {
          const body = JSON.parse(text);
          if (typeof body === "object" && body !== null && !Array.isArray(body)) return body;
        } catch {}
        throw new GraphQLError("The request body must be a JSON object with a `query`", { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });
      });
    },
    onValidate({ addValidationRule }) {
      addValidationRule((context: ValidationContext) => ({
        OperationDefinition(operation: OperationDefinitionNode) {
          if (operation.selectionSet.selections.length > 1) {
            context.reportError(new GraphQLError("The Connector takes one field per request", { nodes: [operation], extensions: { code: "BAD_USER_INPUT" } }));
          }
        },
      }));
    },
  };
}

/** The Connector's own small GraphQL server, at CONNECTOR_PATH, for one instance. */
export function createConnectorServer(instance: Instance) {
  const settings = () => pairingSettings(instance.config).connector;
  return createYoga<{ req?: IncomingMessage }, ConnectorContext>({
    graphqlEndpoint: CONNECTOR_PATH,
    landingPage: false,
    graphiql: false,
    maskedErrors: { maskError },
    logging: { debug: () => {}, info: () => {}, warn: (message) => log.warn(String(message)), error: () => {} },
    context: ({ request, req }) => {
      let caller: Promise<ConnectorCaller | null> | undefined;
      return { instance, origin: publicOrigin(request), caller: () => (caller ??= callerOf(instance, request, req)) };
    },
    plugins: [useConnectorGuard(), useEmptyArgumentLists()],
    schema: createSchema<ConnectorContext>({
      typeDefs,
      resolvers: {
        Query: {
          configuration: async (_parent, _args, ctx) => {
            const configuration = await connectorConfiguration(ctx.instance.db, await ctx.caller(), settings());
            const tls = ctx.instance.config.tls;
            return {
              token: { token: configuration.token },
              certificateSigningRequestInfo: { subject: configuration.subject, keyAlgorithm: configuration.keyAlgorithm },
              managementPlaneInfo: {
                directorURL: `${ctx.origin}${GRAPHQL_PATH}`,
                certificateSecuredConnectorURL: tls ? `https://${new URL(ctx.origin).hostname}:${tls.port}${CONNECTOR_PATH}` : null,
              },
            };
          },
        },
        Mutation: {
          signCertificateSigningRequest: async (_parent, args: { csr: string }, ctx) =>
            signCertificateRequest(ctx.instance.db, await ctx.caller(), args.csr, settings()),
          revokeCertificate: async (_parent, _args, ctx) => revokeOwnCertificate(ctx.instance.db, await ctx.caller()),
        },
      },
    }),
  });
}

export type ConnectorServer = ReturnType<typeof createConnectorServer>;
