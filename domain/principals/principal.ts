import { SCOPES, type Scope, isScope, parseScopes } from "@/lib/scopes";

/**
 * Who is calling. Rights are expressed as scopes for every kind of caller:
 * users get the scopes of their role, integration systems (the OAuth2 issue)
 * the scopes of their token; resolvers only ever check scopes or the role.
 */

export type Role = "ADMIN" | "VIEWER";

/** What a role may do, as scopes; a scoped API token holds at most these (re-read on each request). */
export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  ADMIN: Object.values(SCOPES),
  VIEWER: [
    SCOPES.integrationSystemRead,
    SCOPES.integrationSystemAuthsRead,
    SCOPES.applicationRead,
    SCOPES.tenantRead,
    SCOPES.runtimeRead,
    SCOPES.labelDefinitionRead,
    SCOPES.applicationTemplateRead,
    SCOPES.formationTemplateRead,
    SCOPES.formationRead,
    SCOPES.formationConstraintRead,
  ],
};

/**
 * The scopes an application's or a runtime's credential holds (Compass's
 * consumer types). They say what kind of thing it may read; which objects is
 * narrowed further to its own tenant and itself (see ObjectPrincipal).
 */
export const OBJECT_SCOPES: Record<"APPLICATION" | "RUNTIME", readonly Scope[]> = {
  APPLICATION: [SCOPES.applicationRead, SCOPES.labelDefinitionRead],
  RUNTIME: [SCOPES.runtimeRead, SCOPES.applicationRead],
};

/** Who a credential (an OAuth2 client) belongs to. */
export type CredentialOwner =
  | { kind: "INTEGRATION_SYSTEM"; id: string; name: string; tenantId: null }
  | { kind: "APPLICATION" | "RUNTIME"; id: string; name: string; tenantId: string };

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
  /**
   * The scopes of a scoped API token (null: a session or an unscoped token).
   * `scopes` is then their intersection with the role's; what no scope
   * covers (users, tenants, secrets, one's own account) such a token may not do.
   */
  tokenScopes: ReadonlySet<Scope> | null;
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
  authMethod: "ACCESS_TOKEN" | "CLIENT_SECRET" | "CLIENT_CERTIFICATE";
  /** The token's scopes that this server knows. */
  scopes: ReadonlySet<Scope>;
  /** Set only for a certificate a certificate subject mapping names: see TenantAccessLevels. */
  tenantAccessLevels?: TenantAccessLevels;
}

/**
 * An application or a runtime calling as itself with an OAuth2 access token.
 * Confined to its tenant: an application reads itself, its labels and its
 * tenant's label definitions; a runtime reads itself and its tenant's
 * applications; each writes its own labels and nothing else.
 */
export interface ObjectPrincipal {
  kind: "APPLICATION" | "RUNTIME";
  objectId: string;
  objectName: string;
  tenantId: string;
  clientId: string;
  tokenId: string | null;
  authMethod: "ACCESS_TOKEN" | "CLIENT_SECRET" | "CLIENT_CERTIFICATE";
  scopes: ReadonlySet<Scope>;
  /** Set only for a certificate a certificate subject mapping names: see TenantAccessLevels. */
  tenantAccessLevels?: TenantAccessLevels;
}

/**
 * The tenant types a certificate subject mapping lets its certificate act in, as Compass's hydrator
 * checks them: a request naming a tenant needs that tenant's type among them, and a request naming
 * none needs "global".
 */
export type TenantAccessLevels = ReadonlySet<string>;

/** The access levels a caller is held to; null for every caller but a mapped certificate. */
export const tenantAccessLevelsOf = (principal: Principal | null): TenantAccessLevels | null =>
  principal && principal.kind !== "USER" ? (principal.tenantAccessLevels ?? null) : null;

export type Principal = UserPrincipal | IntegrationSystemPrincipal | ObjectPrincipal;

/** The principal of whoever holds a credential: its owner, with the token's scopes. */
export function clientPrincipal(
  client: { owner: CredentialOwner; clientId: string },
  token: { jti: string; scope: string } | null,
): IntegrationSystemPrincipal | ObjectPrincipal {
  const { owner } = client;
  if (owner.kind === "INTEGRATION_SYSTEM") {
    return integrationSystemPrincipal({ integrationSystemId: owner.id, integrationSystemName: owner.name, clientId: client.clientId }, token);
  }
  return {
    kind: owner.kind,
    objectId: owner.id,
    objectName: owner.name,
    tenantId: owner.tenantId,
    clientId: client.clientId,
    tokenId: token?.jti ?? null,
    authMethod: token ? "ACCESS_TOKEN" : "CLIENT_SECRET",
    // Never more than the kind's own scopes, whatever the credential row says.
    scopes: new Set(
      parseScopes(token?.scope ?? "")
        .filter((scope) => (OBJECT_SCOPES[owner.kind] as readonly string[]).includes(scope))
        .filter(isScope),
    ),
  };
}

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

export function userPrincipal(
  user: UserIdentity,
  authMethod: UserPrincipal["authMethod"],
  apiTokenId: string | null = null,
  tokenScopes: readonly string[] | null = null,
): UserPrincipal {
  // The role as it is now: a token of a user demoted since it was made loses what the role lost.
  const limit = tokenScopes && new Set(tokenScopes.filter(isScope));
  const scopes = ROLE_SCOPES[user.role].filter((scope) => !limit || limit.has(scope));
  return { kind: "USER", user, authMethod, apiTokenId, tokenScopes: limit, scopes: new Set(scopes) };
}

export function isRole(value: string): value is Role {
  return value === "ADMIN" || value === "VIEWER";
}
