import type { Metadata } from "next";
import { adminPage } from "@/app/(console)/admin-page";
import { EditIntegrationSystem } from "@/components/integration-systems/edit-integration-system";

export const metadata: Metadata = { title: "Edit integration system" };

export default async function EditIntegrationSystemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const path = `/integration-systems/${encodeURIComponent(id)}/edit`;
  return adminPage({ path, object: { kind: "integrationSystem", id }, body: () => <EditIntegrationSystem id={id} /> });
}
