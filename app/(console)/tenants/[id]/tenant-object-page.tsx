import { type ComponentType, Suspense } from "react";
import type { ConsoleObjectRef } from "@/domain/object-exists";
import { requireObject } from "@/app/(console)/require-object";

/**
 * What a tenant-scoped object's page renders: the segment's 404 unless the
 * tenant holds the object, else the kind's detail. Called and awaited by the
 * page itself, so the 404 is decided before anything streams. The detail reads
 * the URL (tabs, dialogs), hence Suspense.
 */
export async function tenantObjectPage(
  kind: Extract<ConsoleObjectRef, { tenantId: string }>["kind"],
  tenantId: string,
  id: string,
  Detail: ComponentType<{ tenantId: string; id: string }>,
) {
  await requireObject({ kind, id, tenantId });
  return (
    <Suspense>
      <Detail tenantId={tenantId} id={id} />
    </Suspense>
  );
}
