import DataLoader from "dataloader";
import type { IntegrationSystem, SystemAuth, Tenant } from "@/generated/prisma-sqlite/client";
import type { Config } from "@/lib/config";
import type { Db } from "@/lib/db";
import type { Instance } from "@/domain/instance";
import type { Principal } from "@/domain/principals/principal";
import type { TenantScope } from "@/domain/tenants/tenant-scope";
import { type ObjectKind, credentialsOfObjects } from "@/domain/credentials/object-credentials.service";
import { labelsOfObjects } from "@/domain/labels/label.service";
import { TENANT_OBJECT_KINDS } from "@/domain/tenant-objects/kinds";
import type { TenantObjectRow, TenantObjectType } from "@/domain/tenant-objects/tenant-object-kind";
import { firstPagesUnder } from "@/domain/tenant-objects/tenant-object.service";
import type { LazyPage } from "@/domain/paging/cursor";

/** What every resolver gets. Built once per request. */
export interface GraphQLContext {
  /** The instance serving the request (domain/instance.ts): its client, caches and throttles. */
  instance: Instance;
  /** instance.db. */
  db: Db;
  /** The process's configuration: domain/ never reads it, resolvers pass on what a rule needs. */
  config: Config;
  /** Who is calling; never null past the request guard, which answers 401 first. */
  principal: Principal | null;
  /** Public origin for absolute URLs: PUBLIC_URL, or the request's own origin. */
  origin: string;
  loaders: Loaders;
  /** The tenant named by the `tenant` header, looked up on first use by a tenant-scoped field. */
  tenant: TenantScope;
}

export interface Loaders {
  authsBySystemId: DataLoader<string, SystemAuth[]>;
  /** A tenant-scoped object's credentials, by its kind and id. */
  objectAuthsById: Record<ObjectKind, DataLoader<string, SystemAuth[]>>;
  /** A tenant-scoped object's labels, by its id. */
  labelsByObjectId: DataLoader<string, Record<string, unknown>>;
  integrationSystemById: DataLoader<string, IntegrationSystem | null>;
  tenantById: DataLoader<string, Tenant | null>;
  /** The first page of a child kind's objects under a parent: a page of parents reads them all in one query. */
  firstChildPages: DataLoader<FirstChildPage, LazyPage<TenantObjectRow>, string>;
}

/** Which first page of children: of this kind, under this parent of this tenant, this many. */
interface FirstChildPage {
  type: TenantObjectType;
  /** The column naming the parent, or the group (a bundle's API definitions). */
  column: string;
  tenantId: string;
  parentId: string;
  first: number;
}

/** Rows by id in the order asked for, null where none exists. */
function byId<Row extends { id: string }>(ids: readonly string[], rows: Row[]): (Row | null)[] {
  const found = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => found.get(id) ?? null);
}

/** Per-request batching, so a page of 100 systems reads their credentials in one query. */
export function createLoaders(db: Db): Loaders {
  return {
    authsBySystemId: new DataLoader(async (systemIds) => {
      const rows = await db.systemAuth.findMany({
        where: { integrationSystemId: { in: [...systemIds] } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      const bySystem = new Map<string, SystemAuth[]>(systemIds.map((id) => [id, []]));
      for (const row of rows) bySystem.get(row.integrationSystemId!)!.push(row);
      return systemIds.map((id) => bySystem.get(id)!);
    }),
    // A page of applications names its systems and tenants with one query each.
    integrationSystemById: new DataLoader(async (ids) => byId(ids, await db.integrationSystem.findMany({ where: { id: { in: [...ids] } } }))),
    objectAuthsById: Object.fromEntries(
      Object.values(TENANT_OBJECT_KINDS)
        .filter((kind) => kind.credentials)
        .map(({ type }) => [
          type,
          new DataLoader(async (ids: readonly string[]) => {
            const byObject = await credentialsOfObjects(db, type as ObjectKind, ids);
            return ids.map((id) => byObject.get(id)!);
          }),
        ]),
    ) as Loaders["objectAuthsById"],
    labelsByObjectId: new DataLoader(async (ids) => {
      const byObject = await labelsOfObjects(db, ids);
      return ids.map((id) => byObject.get(id)!);
    }),
    tenantById: new DataLoader(async (ids) => byId(ids, await db.tenant.findMany({ where: { id: { in: [...ids] } } }))),
    firstChildPages: new DataLoader(
      async (keys) => {
        // One read per kind, tenant and page size; a refused page size fails only the pages that asked for it.
        const groups = new Map<string, FirstChildPage[]>();
        for (const key of keys) {
          const group = `${key.type}/${key.column}/${key.tenantId}/${key.first}`;
          groups.set(group, [...(groups.get(group) ?? []), key]);
        }
        const pages = new Map<string, LazyPage<TenantObjectRow> | Error>();
        for (const [group, members] of groups) {
          const { type, column, tenantId, first } = members[0];
          try {
            const found = await firstPagesUnder(
              TENANT_OBJECT_KINDS[type],
              db,
              { id: tenantId },
              members.map((key) => key.parentId),
              first,
              column,
            );
            for (const key of members) pages.set(`${group}/${key.parentId}`, found.get(key.parentId)!);
          } catch (error) {
            for (const key of members) pages.set(`${group}/${key.parentId}`, error as Error);
          }
        }
        return keys.map((key) => pages.get(`${key.type}/${key.column}/${key.tenantId}/${key.first}/${key.parentId}`)!);
      },
      { cacheKeyFn: (key) => `${key.type}/${key.column}/${key.tenantId}/${key.first}/${key.parentId}` },
    ),
  };
}
