import type { Metadata } from "next";
import { adminPage } from "@/app/(console)/admin-page";
import { EditTemplate } from "@/components/application-templates/edit-template";

export const metadata: Metadata = { title: "Edit application template" };

export default async function EditApplicationTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const path = `/application-templates/${encodeURIComponent(id)}/edit`;
  return adminPage({ path, object: { kind: "applicationTemplate", id }, body: () => <EditTemplate id={id} /> });
}
