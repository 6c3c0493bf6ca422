/**
 * The comparison peer of `npm run bench:token` (scripts/bench-token.ts):
 * panva's oidc-provider, an OpenID-certified OAuth 2.0 server for Node.js,
 * standing alone on node:http and configured for the same workload as the
 * product's token endpoint:
 *
 * - one statically configured client (OIDC_CLIENT_ID / OIDC_CLIENT_SECRET)
 *   that may only use the client_credentials grant, authenticated with
 *   client_secret_basic;
 * - the client credentials grant on (features.clientCredentials);
 * - resource indicators (RFC 8707) on, with a default resource so that a
 *   request without `resource` gets a token for it: the resource server's
 *   scopes are the product's default integration-system scopes, and its
 *   tokens are JWTs (RFC 9068, `typ: at+jwt`) signed with ES256 by a P-256
 *   key generated at start-up and valid for an hour, as the product's are.
 *
 * Configuration as documented in oidc-provider's docs/README.md (v9):
 * "clients", "jwks", "scopes", "features.clientCredentials",
 * "features.resourceIndicators" (defaultResource, getResourceServerInfo and
 * its Resource Server Definition).
 *
 * Env: PORT (required), HOST (default 127.0.0.1), OIDC_CLIENT_ID and
 * OIDC_CLIENT_SECRET (defaults "bench-client" and "bench-secret").
 * Prints "ready <issuer>" once it listens. Run with node_modules/.bin/tsx.
 */
import { generateKeyPairSync, type JsonWebKey } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

// oidc-provider ships no type declarations (and this project installs none):
// it is loaded by a computed specifier, typed here as far as this file uses it.
interface ResourceServerToken {
  resourceServer?: { accessTokenTTL?: number };
}
interface OidcProvider {
  callback(): http.RequestListener;
}
interface OidcProviderModule {
  default: {
    new (issuer: string, configuration: Record<string, unknown>): OidcProvider;
    errors: { InvalidTarget: new (description?: string) => Error };
  };
}
const oidcProviderSpecifier = "oidc-provider";
const { default: Provider } = (await import(oidcProviderSpecifier)) as OidcProviderModule;

const PORT = Number(process.env.PORT);
const HOST = process.env.HOST ?? "127.0.0.1";
const CLIENT_ID = process.env.OIDC_CLIENT_ID ?? "bench-client";
const CLIENT_SECRET = process.env.OIDC_CLIENT_SECRET ?? "bench-secret";
if (!Number.isInteger(PORT) || PORT <= 0) {
  process.stderr.write("oidc-provider-peer: set PORT to the port to listen on\n");
  process.exit(2);
}

/** The product's default scopes for an integration system's credentials (docs/design.md, "OAuth2 contract"). */
const SCOPES = ["integration_system:read", "application:read", "application:write", "tenant:read"];
const ISSUER = `http://${HOST}:${PORT}`;
/** The audience, as in the product: the absolute URL of its GraphQL endpoint. */
const RESOURCE = `${ISSUER}/api/graphql`;
const ACCESS_TOKEN_TTL = 3600;

const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
const signingKey: JsonWebKey = { ...privateKey.export({ format: "jwk" }), kid: "bench-es256", use: "sig", alg: "ES256" };

const provider = new Provider(ISSUER, {
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      scope: SCOPES.join(" "),
      token_endpoint_auth_method: "client_secret_basic",
      grant_types: ["client_credentials"],
      response_types: [],
      redirect_uris: [],
    },
  ],
  // Only an EC key is loaded: without this default (RS256) the client fails metadata
  // validation ("id_token_signed_response_alg must be 'ES256'") and every request is refused.
  clientDefaults: { id_token_signed_response_alg: "ES256" },
  jwks: { keys: [signingKey] },
  scopes: SCOPES,
  features: {
    // No authorization endpoint in use: its development-only login screens stay off.
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: async () => RESOURCE,
      getResourceServerInfo: async (_ctx: unknown, resourceIndicator: string) => {
        if (resourceIndicator !== RESOURCE) throw new Provider.errors.InvalidTarget();
        return {
          scope: SCOPES.join(" "),
          audience: resourceIndicator,
          accessTokenFormat: "jwt",
          accessTokenTTL: ACCESS_TOKEN_TTL,
          jwt: { sign: { alg: "ES256" } },
        };
      },
    },
  },
  ttl: {
    // The TTL of the resource server above (the default function asks for a config change, once).
    ClientCredentials: (_ctx: unknown, token: ResourceServerToken) => token.resourceServer?.accessTokenTTL ?? ACCESS_TOKEN_TTL,
  },
});

const server = http.createServer(provider.callback());
server.listen(PORT, HOST, () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`ready ${ISSUER} (port ${port}, client ${CLIENT_ID}, ES256 JWT access tokens for ${RESOURCE})\n`);
});

function stop() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2_000).unref();
}
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
