import type { Metadata } from "next";
import { type ComponentType, Suspense } from "react";

/**
 * A tab of a tenant's that lists one kind across the tenant (formations,
 * label definitions): the tab's title, then the list for the tenant in the
 * URL. The list reads the URL (paging, dialogs), hence Suspense. The page
 * file exports the two: `export const metadata = page.metadata; export
 * default page.Page;`.
 */
export function tenantTabPage(title: string, Tab: ComponentType<{ tenantId: string }>) {
  const metadata: Metadata = { title };
  async function Page({ params }: { params: Promise<{ id: string }> }) {
    const { id } = await params;
    return (
      <Suspense>
        <Tab tenantId={id} />
      </Suspense>
    );
  }
  return { metadata, Page };
}
