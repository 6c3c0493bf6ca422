import type { Metadata } from "next";
import type { ComponentType } from "react";
import { ListPage } from "@/components/console/page-header";

/**
 * A top-level list page (audit log, integration systems, application
 * templates): the tab's title, the page's heading and lead, then the list.
 * The page file exports the two: `export const metadata = page.metadata;
 * export default page.Page;`.
 */
export function listPage(title: string, lead: string, List: ComponentType) {
  const metadata: Metadata = { title };
  function Page() {
    return (
      <ListPage title={title} lead={lead}>
        <List />
      </ListPage>
    );
  }
  return { metadata, Page };
}
