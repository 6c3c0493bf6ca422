import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import { newId } from "../lib/ids";
import { nameSkeleton } from "../lib/name-skeleton";
import { graphql } from "./console";

/** The e2e server's database (playwright.config.ts). */
const E2E_DATABASE = ".e2e-data/compass.db";

/**
 * Adds `count` integration systems named `${prefix} 00001` and on, straight
 * into the e2e database in one transaction (a second, where the API would take
 * a minute). The first is created through the API, and the rest copy how it
 * was stored, so every column reads back as the service would have written it.
 */
export async function seedIntegrationSystems(page: Page, prefix: string, count: number): Promise<string[]> {
  const label = (index: number) => `${prefix} ${String(index).padStart(5, "0")}`;
  const { createIntegrationSystem } = await graphql(page.request, `mutation($name: String!) { createIntegrationSystem(in: { name: $name }) { id } }`, {
    name: label(1),
  });
  const db = new Database(E2E_DATABASE);
  try {
    const probe = db.prepare(`SELECT "createdAt", "updatedAt" FROM "IntegrationSystem" WHERE "id" = ?`).get(createIntegrationSystem.id) as Record<
      string,
      unknown
    >;
    const insert = db.prepare(
      `INSERT INTO "IntegrationSystem" ("id", "name", "nameKey", "nameSkeleton", "description", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, NULL, ?, ?)`,
    );
    const names = [label(1)];
    db.transaction(() => {
      for (let index = 2; index <= count; index++) {
        const name = label(index);
        names.push(name);
        insert.run(newId(), name, name.normalize("NFC").toLowerCase(), nameSkeleton(name), probe.createdAt, probe.updatedAt);
      }
    })();
    return names;
  } finally {
    db.close();
  }
}
