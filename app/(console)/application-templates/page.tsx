import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/console/page-header";
import { TemplateList } from "@/components/application-templates/template-list";

export const metadata: Metadata = { title: "Application templates" };

export default function ApplicationTemplatesPage() {
  return (
    <>
      <PageHeader
        title="Application templates"
        lead="What integration systems publish: an application with placeholders, which a tenant fills in to register it (on a tenant's Applications tab, Register from template)."
      />
      <Suspense>
        <TemplateList />
      </Suspense>
    </>
  );
}
