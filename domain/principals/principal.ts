import { SCOPES, type Scope, isScope, parseScopes } from "@/lib/scopes";

/**
 * Who is calling. Rights are expressed as scopes for every kind of caller:
 * users get the scopes of their role, integration systems (the OAuth2 issue)
 * the scopes of their token; resolvers only ever check scopes or the role.
 */

export type Role = "ADMIN" | "VIEWER";
export type AuthMethod = "SESSION" | "API_TOKEN" | "ACCESS_TOKEN" | "CLIENT_SECRET";

const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  ADMIN: Object.values(SCOPES),
  VIEWER: [SCOPES.integrationSystemRead, SCOPES.integrationSystemAuthsRead, SCOPES.applicationRead, SCOPES.tenantRead],
};

export interface UserIdentity {
  id: string;
  email: string;
  role: Role;
}

export interface UserPrincipal {
  kind: "USER";
  user: UserIdentity;
  authMethod: "SESSION" | "API_TOKEN";
  /** The personal API token used, when authMethod is API_TOKEN. */
  apiTokenId: string | null;
  /** The console session used, when authMethod is SESSION (so a user can tell it from their others). */
  sessionId?: string | null;
  scopes: ReadonlySet<Scope>;
}

/** An integration system calling with an OAuth2 access token. */
export interface IntegrationSystemPrincipal {
  kind: "INTEGRATION_SYSTEM";
  integrationSystemId: string;
  integrationSystemName: string;
  /** The credential the token was issued to. */
  clientId: string;
  /** The access token's jti; null when the client authenticated with its secret (revocation). */
  tokenId: string | null;
  authMethod: "ACCESS_TOKEN" | "CLIENT_SECRET";
  /** The token's scopes that this server knows. */
  scopes: ReadonlySet<Scope>;
}

export type Principal = UserPrincipal | IntegrationSystemPrincipal;

export function integrationSystemPrincipal(
  client: { integrationSystemId: string; integrationSystemName: string; clientId: string },
  token: { jti: string; scope: string } | null,
): IntegrationSystemPrincipal {
  return {
    kind: "INTEGRATION_SYSTEM",
    integrationSystemId: client.integrationSystemId,
    integrationSystemName: client.integrationSystemName,
    clientId: client.clientId,
    tokenId: token?.jti ?? null,
    authMethod: token ? "ACCESS_TOKEN" : "CLIENT_SECRET",
    scopes: new Set(parseScopes(token?.scope ?? "").filter(isScope)),
  };
}

export function userPrincipal(user: UserIdentity, authMethod: UserPrincipal["authMethod"], apiTokenId: string | null = null): UserPrincipal {
  return { kind: "USER", user, authMethod, apiTokenId, scopes: new Set(ROLE_SCOPES[user.role]) };
}

export function isRole(value: string): value is Role {
  return value === "ADMIN" || value === "VIEWER";
}
