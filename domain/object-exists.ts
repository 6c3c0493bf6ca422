import type { Db } from "@/lib/db";

/** An object a console page shows: an integration system, a tenant, or an application or runtime in its tenant. */
export type ConsoleObjectRef =
  | { kind: "integrationSystem" | "applicationTemplate"; id: string }
  | { kind: "tenant"; id: string }
  | { kind: "application" | "runtime"; id: string; tenantId: string };

/**
 * Whether the object a page is about exists, so a deleted one's page answers
 * HTTP 404 rather than 200 with a client-side notice. Existence only: what
 * the user may read is still decided by the API the page then calls.
 */
export async function consoleObjectExists(db: Db, ref: ConsoleObjectRef): Promise<boolean> {
  const select = { id: true } as const;
  switch (ref.kind) {
    case "integrationSystem":
      return (await db.integrationSystem.findUnique({ where: { id: ref.id }, select })) !== null;
    case "applicationTemplate":
      return (await db.applicationTemplate.findUnique({ where: { id: ref.id }, select })) !== null;
    case "tenant":
      return (await db.tenant.findUnique({ where: { id: ref.id }, select })) !== null;
    case "application":
      return (await db.application.findFirst({ where: { id: ref.id, tenantId: ref.tenantId }, select })) !== null;
    case "runtime":
      return (await db.runtime.findFirst({ where: { id: ref.id, tenantId: ref.tenantId }, select })) !== null;
  }
}
