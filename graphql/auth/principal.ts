/**
 * Who is calling. Rights are expressed as scopes for every kind of caller:
 * users get the scopes of their role, integration systems (the OAuth2 issue)
 * the scopes of their token; resolvers only ever check scopes or the role.
 */
export const SCOPES = {
  integrationSystemRead: "integration_system:read",
  integrationSystemWrite: "integration_system:write",
  integrationSystemAuthsRead: "integration_system.auths:read",
  applicationRead: "application:read",
  applicationWrite: "application:write",
  tenantRead: "tenant:read",
} as const;
export type Scope = (typeof SCOPES)[keyof typeof SCOPES];

export type Role = "ADMIN" | "VIEWER";
export type AuthMethod = "SESSION" | "API_TOKEN" | "ACCESS_TOKEN";

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
  scopes: ReadonlySet<Scope>;
}

export type Principal = UserPrincipal;

export function userPrincipal(user: UserIdentity, authMethod: UserPrincipal["authMethod"], apiTokenId: string | null = null): UserPrincipal {
  return { kind: "USER", user, authMethod, apiTokenId, scopes: new Set(ROLE_SCOPES[user.role]) };
}

export function isRole(value: string): value is Role {
  return value === "ADMIN" || value === "VIEWER";
}
