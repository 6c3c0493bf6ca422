import type { IntegrationSystem, Tenant } from "@/generated/prisma-sqlite/client";
import type { Db } from "@/lib/db";
import { SCOPES } from "@/lib/scopes";
import { badInput, forbidden, unauthenticated } from "@/domain/errors";
import type { Principal } from "@/domain/principals/principal";
import { listIntegrationSystems } from "@/domain/integration-systems/integration-system.service";
import { listTenants } from "@/domain/tenants/tenant.service";
import { findObjectsByName } from "@/domain/tenant-objects/tenant-object.service";
import { APPLICATION } from "@/domain/tenant-objects/kinds/application";
import { RUNTIME } from "@/domain/tenant-objects/kinds/runtime";

/**
 * The console's global search (Ctrl/⌘+K): integration systems, tenants,
 * applications and runtimes whose names contain the text, across tenants.
 * Each kind answers only if the caller holds its read scope (a viewer reads
 * all four; a read-only or narrower API token, or an integration system, the
 * kinds its scopes cover), so it reveals nothing the lists would not. An
 * application or runtime calling as itself is confined to its own tenant and
 * may not search across them at all.
 */

/** Longer text finds nothing a shorter prefix would not, and bounds the LIKE patterns. */
const MAX_SEARCH_LENGTH = 100;
/** Per kind: a palette shows a handful, and four reads of this many rows bound each keystroke's cost. */
const MAX_SEARCH_HITS = 10;

/** An application or runtime found, with its tenant (the console links to it under the tenant). */
export interface TenantObjectHit {
  id: string;
  name: string;
  tenant: Tenant;
}

export interface GlobalSearchResult {
  integrationSystems: IntegrationSystem[];
  tenants: Tenant[];
  applications: TenantObjectHit[];
  runtimes: TenantObjectHit[];
}

const NOTHING: GlobalSearchResult = { integrationSystems: [], tenants: [], applications: [], runtimes: [] };

export async function globalSearch(db: Db, principal: Principal | null, args: { query: string; first?: number | null }): Promise<GlobalSearchResult> {
  if (!principal) throw unauthenticated();
  if (principal.kind === "APPLICATION" || principal.kind === "RUNTIME") {
    throw forbidden("An application or runtime reads only its own tenant and may not search across tenants (while searching)");
  }
  const first = args.first ?? 5;
  if (!Number.isInteger(first) || first < 1 || first > MAX_SEARCH_HITS) {
    throw badInput("first", `"first" must be from 1 to ${MAX_SEARCH_HITS}, got ${first}`);
  }
  if (args.query.length > MAX_SEARCH_LENGTH) {
    throw badInput("query", `"query" may be at most ${MAX_SEARCH_LENGTH} characters, got ${args.query.length}`);
  }
  const text = args.query.trim();
  if (!text) return NOTHING;
  const may = (scope: (typeof SCOPES)[keyof typeof SCOPES]) => principal.scopes.has(scope);
  const byName = { field: "NAME" as const, direction: "ASC" as const };
  // One after another: they share the request's connection, and each is bounded by `first`.
  const integrationSystems = may(SCOPES.integrationSystemRead) ? (await listIntegrationSystems(db, { first, search: text, orderBy: byName })).rows : [];
  const tenants = may(SCOPES.tenantRead) ? (await listTenants(db, { first, search: text, orderBy: byName })).rows : [];
  const applications = may(SCOPES.applicationRead) ? await findObjectsByName(APPLICATION, db, text, first) : [];
  const runtimes = may(SCOPES.runtimeRead) ? await findObjectsByName(RUNTIME, db, text, first) : [];
  // One read for the tenants of at most 2 × MAX_SEARCH_HITS objects.
  const tenantIds = [...new Set([...applications, ...runtimes].map((row) => row.tenantId))];
  const tenantById = new Map((tenantIds.length ? await db.tenant.findMany({ where: { id: { in: tenantIds } } }) : []).map((row) => [row.id, row]));
  // An object whose tenant was deleted between the two reads is left out.
  const hits = (rows: { id: string; name: string; tenantId: string }[]) =>
    rows.flatMap((row) => {
      const tenant = tenantById.get(row.tenantId);
      return tenant ? [{ id: row.id, name: row.name, tenant }] : [];
    });
  return { integrationSystems, tenants, applications: hits(applications), runtimes: hits(runtimes) };
}
