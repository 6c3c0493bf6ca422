import type { Metadata } from "next";
import Link from "next/link";
import { AdminOnly } from "@/components/console/admin-only";
import { requireConsoleUser } from "@/app/(console)/current-user";
import { TemplateForm } from "@/components/application-templates/template-form";

export const metadata: Metadata = { title: "Create application template" };

export default async function NewApplicationTemplatePage() {
  const user = await requireConsoleUser("/application-templates/new");
  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/application-templates">Application templates</Link>
      </nav>
      <h1>Create application template</h1>
      <p className="lead">
        An application as registerApplication takes it, with placeholders a tenant fills in. It is checked as a registration now, not when first used.
      </p>
      <AdminOnly role={user.role}>
        <TemplateForm />
      </AdminOnly>
    </>
  );
}
