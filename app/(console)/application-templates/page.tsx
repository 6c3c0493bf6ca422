import type { Metadata } from "next";
import { ListPage } from "@/components/console/page-header";
import { TemplateList } from "@/components/application-templates/template-list";

export const metadata: Metadata = { title: "Application templates" };

const LEAD =
  "What integration systems publish: an application with placeholders, which a tenant fills in to register it (on a tenant's Applications tab, Register from template).";

export default function ApplicationTemplatesPage() {
  return (
    <ListPage title="Application templates" lead={LEAD}>
      <TemplateList />
    </ListPage>
  );
}
