/** The public paths other code builds absolute URLs from. */
export const GRAPHQL_PATH = "/api/graphql";
export const TOKEN_PATH = "/oauth2/token";
export const INTROSPECTION_PATH = "/oauth2/introspect";
export const REVOCATION_PATH = "/oauth2/revoke";
export const METADATA_PATH = "/.well-known/oauth-authorization-server";
export const JWKS_PATH = "/.well-known/jwks.json";
export const CONNECTOR_PATH = "/connector/graphql";
