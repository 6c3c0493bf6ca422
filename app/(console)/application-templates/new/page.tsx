import type { Metadata } from "next";
import { adminPage } from "@/app/(console)/admin-page";
import { CreatePageHeader } from "@/components/console/page-header";
import { TemplateForm } from "@/components/application-templates/template-form";
import { TEMPLATE_KIND } from "@/components/application-templates/template-kind";

export const metadata: Metadata = { title: "Create application template" };

const LEAD = "An application as registerApplication takes it, with placeholders a tenant fills in. It is checked as a registration now, not when first used.";

export default function NewApplicationTemplatePage() {
  const header = <CreatePageHeader list={TEMPLATE_KIND.list} title="Create application template" lead={LEAD} />;
  return adminPage({ path: "/application-templates/new", header, body: () => <TemplateForm /> });
}
