import type { Metadata } from "next";
import { AdminOnly } from "@/components/console/admin-only";
import { requireConsoleUser } from "@/app/(console)/current-user";
import { requireObject } from "@/app/(console)/require-object";
import { EditIntegrationSystem } from "@/components/integration-systems/edit-integration-system";

export const metadata: Metadata = { title: "Edit integration system" };

export default async function EditIntegrationSystemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireConsoleUser(`/integration-systems/${encodeURIComponent(id)}/edit`);
  await requireObject({ kind: "integrationSystem", id });
  return (
    <AdminOnly role={user.role}>
      <EditIntegrationSystem id={id} />
    </AdminOnly>
  );
}
