import type { Metadata } from "next";
import { AdminOnly } from "@/components/console/admin-only";
import { requireConsoleUser } from "@/app/(console)/current-user";
import { EditIntegrationSystem } from "@/components/integration-systems/edit-integration-system";

export const metadata: Metadata = { title: "Edit integration system" };

export default async function EditIntegrationSystemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireConsoleUser(`/integration-systems/${encodeURIComponent(id)}/edit`);
  return (
    <AdminOnly role={user.role}>
      <EditIntegrationSystem id={id} />
    </AdminOnly>
  );
}
