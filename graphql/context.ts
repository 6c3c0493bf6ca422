import DataLoader from "dataloader";
import type { SystemAuth } from "../generated/prisma-sqlite/client";
import type { Db } from "../lib/db";
import type { Principal } from "./auth/principal";

/** What every resolver gets. Built once per request. */
export interface GraphQLContext {
  db: Db;
  /** Who is calling; never null past the request guard, which answers 401 first. */
  principal: Principal | null;
  /** Public origin for absolute URLs: PUBLIC_URL, or the request's own origin. */
  origin: string;
  loaders: Loaders;
}

export interface Loaders {
  authsBySystemId: DataLoader<string, SystemAuth[]>;
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
      for (const row of rows) bySystem.get(row.integrationSystemId)!.push(row);
      return systemIds.map((id) => bySystem.get(id)!);
    }),
  };
}
