import type { Metadata } from "next";
import { AdminOnly } from "@/components/console/admin-only";
import { requireConsoleUser } from "@/app/(console)/current-user";
import { requireObject } from "@/app/(console)/require-object";
import { EditTemplate } from "@/components/application-templates/edit-template";

export const metadata: Metadata = { title: "Edit application template" };

export default async function EditApplicationTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireConsoleUser(`/application-templates/${encodeURIComponent(id)}/edit`);
  await requireObject({ kind: "applicationTemplate", id });
  return (
    <AdminOnly role={user.role}>
      <EditTemplate id={id} />
    </AdminOnly>
  );
}
