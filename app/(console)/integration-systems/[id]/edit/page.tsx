import type { Metadata } from "next";
import Link from "next/link";
import { AdminOnly } from "../../../../../components/console/admin-only";
import { requireConsoleUser } from "@/app/(console)/current-user";
import { EditIntegrationSystem } from "../../../../../components/integration-systems/edit-integration-system";

export const metadata: Metadata = { title: "Edit integration system" };

export default async function EditIntegrationSystemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireConsoleUser(`/integration-systems/${encodeURIComponent(id)}/edit`);
  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/integration-systems">Integration systems</Link> / <Link href={`/integration-systems/${encodeURIComponent(id)}`}>Details</Link>
      </nav>
      <h1>Edit integration system</h1>
      <AdminOnly role={user.role}>
        <EditIntegrationSystem id={id} />
      </AdminOnly>
    </>
  );
}
