import { forbidden, unauthenticated } from "../errors";
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

/** Writes and secrets: only ADMIN users. */
export function requireAdmin(principal: Principal | null, doing: string): UserPrincipal {
  const user = requireUser(principal, doing);
  if (user.user.role !== "ADMIN") throw forbidden(`Requires the ADMIN role (while ${doing})`);
  return user;
}
