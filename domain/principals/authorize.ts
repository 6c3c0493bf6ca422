import { forbidden, unauthenticated } from "@/domain/errors";
import type { Scope } from "@/lib/scopes";
import type { Principal, UserPrincipal } from "./principal";

/** Rights checks used by resolvers; `doing` completes "... while <doing>". */
export function requireScope(principal: Principal | null, scope: Scope, doing: string): Principal {
  if (!principal) throw unauthenticated();
  if (!principal.scopes.has(scope)) throw forbidden(`Missing scope "${scope}" (while ${doing})`);
  return principal;
}

/**
 * For fields that answer null instead of refusing (Compass's `@sanitize`):
 * whether the caller holds the scope. A field that uses it is a rights check
 * like requireScope, and has its row in the field matrix.
 */
export function hasScope(principal: Principal | null, scope: Scope): boolean {
  return !!principal && principal.scopes.has(scope);
}

export function requireUser(principal: Principal | null, doing: string): UserPrincipal {
  if (!principal) throw unauthenticated();
  if (principal.kind !== "USER") throw forbidden(`Only users may do this (while ${doing})`);
  return principal;
}

/**
 * What no scope covers: one's own account (password, sessions, tokens) and
 * the ADMIN role's writes. A scoped API token holds only what its scopes say,
 * so it may do none of these; a session or an unscoped token may.
 */
export function requireUnscopedUser(principal: Principal | null, doing: string): UserPrincipal {
  const user = requireUser(principal, doing);
  if (user.tokenScopes) throw forbidden(`A scoped API token may not do this (while ${doing})`);
  return user;
}

/**
 * Tenant-wide writes that no integration system may make: what they change
 * (a label definition constrains every object of the tenant, whoever manages
 * it) belongs to no one system, so only people holding `scope` make them.
 * docs/design.md, "Who owns what".
 */
export function requirePerson(principal: Principal | null, scope: Scope, doing: string): UserPrincipal {
  const user = requireUser(principal, doing);
  requireScope(user, scope, doing);
  return user;
}

/** Writes and secrets: only ADMIN users, and none of their scoped API tokens (no scope covers these). */
export function requireAdmin(principal: Principal | null, doing: string): UserPrincipal {
  const user = requireUnscopedUser(principal, doing);
  if (user.user.role !== "ADMIN") throw forbidden(`Requires the ADMIN role (while ${doing})`);
  return user;
}

/**
 * An application or runtime calling as itself reads only itself among its own
 * kind (a runtime still reads its tenant's applications). `id` null: a list of
 * that kind, which such a caller may not read.
 */
export function requireOwnObject(principal: Principal, kind: string, id: string | null, doing: string): Principal {
  if ((principal.kind === "APPLICATION" || principal.kind === "RUNTIME") && principal.kind === kind && principal.objectId !== id) {
    throw forbidden(`An ${kind === "APPLICATION" ? "application" : "runtime"} may read only itself (while ${doing})`);
  }
  return principal;
}

/** Writing an object's labels: the object itself may, anyone else needs `scope` (and, in the service, to manage it). */
export function requireLabelWriter(principal: Principal | null, kind: string, id: string, scope: Scope, doing: string): Principal {
  if (!principal) throw unauthenticated();
  if ((principal.kind === "APPLICATION" || principal.kind === "RUNTIME") && principal.kind === kind && principal.objectId === id) return principal;
  return requireScope(principal, scope, doing);
}

/** Users with the write scope may change any object; an integration system only those it manages. */
export function requireManager(actor: Principal, object: { integrationSystemId: string | null; name: string }, what: string, doing: string): void {
  if (actor.kind === "INTEGRATION_SYSTEM" && object.integrationSystemId !== actor.integrationSystemId) {
    throw forbidden(`An integration system may change only the ${what}s it manages (while ${doing} "${object.name}")`);
  }
}

/**
 * Asking for a one-time token that pairs an application or a runtime: admins (no scoped token: the
 * pairing ends in a credential), and integration systems holding the kind's write scope (the service then
 * checks it manages the object). Viewers, and objects calling as themselves, may not.
 */
export function requirePairingRequester(principal: Principal | null, writeScope: Scope, doing: string): Principal {
  if (!principal) throw unauthenticated();
  if (principal.kind === "USER") return requireAdmin(principal, doing);
  if (principal.kind === "INTEGRATION_SYSTEM") return requireScope(principal, writeScope, doing);
  throw forbidden(`Only admins and the integration system managing it may pair an application or a runtime (while ${doing})`);
}
