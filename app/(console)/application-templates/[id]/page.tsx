import type { Metadata } from "next";
import { requireObject } from "@/app/(console)/require-object";
import { TemplateDetail } from "@/components/application-templates/template-detail";

// The template's name replaces this once it has loaded (components/console/breadcrumbs.tsx).
export const metadata: Metadata = { title: "Application template" };

export default async function ApplicationTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireObject({ kind: "applicationTemplate", id });
  return <TemplateDetail id={id} />;
}
