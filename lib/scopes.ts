/**
 * The one home of scopes: the vocabulary, parsing and formatting the
 * space-separated lists of RFC 6749 §3.3, and the subset check. Used by the
 * configuration, credential generation, the token grant, introspection and
 * the principals' rights. Pure, so lib/config.ts can use it too.
 */
export const SCOPES = {
  integrationSystemRead: "integration_system:read",
  integrationSystemWrite: "integration_system:write",
  integrationSystemAuthsRead: "integration_system.auths:read",
  applicationRead: "application:read",
  applicationWrite: "application:write",
  tenantRead: "tenant:read",
  /** Compass's tenant fetcher's writes (writeTenants, ..., tenant access): admins, and an integration system granted it. */
  tenantWrite: "tenant:write",
  runtimeRead: "runtime:read",
  runtimeWrite: "runtime:write",
  labelDefinitionRead: "label_definition:read",
  labelDefinitionWrite: "label_definition:write",
  /** Compass's scope behind `Webhook.auth` (@sanitize): the webhook's credentials in clear. Not for VIEWERs. */
  webhooksAuthRead: "webhooks.auth:read",
  /** Compass's scopes for application templates: global, so a template is read by anyone with the read scope. */
  applicationTemplateRead: "application_template:read",
  applicationTemplateWrite: "application_template:write",
  /** Compass's scopes for formation templates (global), formations and their assignments (per tenant), and formation constraints (global). */
  formationTemplateRead: "formation_template:read",
  formationTemplateWrite: "formation_template:write",
  formationRead: "formation:read",
  formationWrite: "formation:write",
  formationConstraintRead: "formation_constraint:read",
  formationConstraintWrite: "formation_constraint:write",
} as const;
export type Scope = (typeof SCOPES)[keyof typeof SCOPES];

/**
 * Scopes a credential holds only when its creator names them: a credential
 * generated without a scope list gets the configured ones but these. An
 * operator may allow tenant:write (INTEGRATION_SYSTEM_SCOPES) and still only
 * the one system an admin picks it for keeps tenants (decision 0017).
 */
export const ONLY_WHEN_ASKED: readonly string[] = [SCOPES.tenantWrite];

const KNOWN_SCOPES = new Set<string>(Object.values(SCOPES));

export function isScope(value: string): value is Scope {
  return KNOWN_SCOPES.has(value);
}

/**
 * The scopes of a list, in order, without duplicates or empty entries.
 * Lists on the wire and in storage are separated by spaces; `separators`
 * widens that for people (INTEGRATION_SYSTEM_SCOPES also takes commas).
 */
export function parseScopes(list: string, separators: RegExp = / /): string[] {
  return [...new Set(list.split(separators).filter(Boolean))];
}

/** The stored and wire form: one space between scopes. */
export function formatScopes(scopes: readonly string[]): string {
  return scopes.join(" ");
}

/** A scope that only reads (`…:read`); every other scope writes something. */
export function isReadScope(scope: string): boolean {
  return scope.endsWith(":read");
}

/** The subset check: the scopes of `requested` that `allowed` does not hold (none: a subset). */
export function scopesOutside(requested: readonly string[], allowed: readonly string[]): string[] {
  return requested.filter((scope) => !allowed.includes(scope));
}
