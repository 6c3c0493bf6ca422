import type { Metadata } from "next";
import Link from "next/link";
import { AdminOnly } from "@/components/console/admin-only";
import { requireConsoleUser } from "@/app/(console)/current-user";
import { IntegrationSystemForm } from "@/components/integration-systems/integration-system-form";

export const metadata: Metadata = { title: "Create integration system" };

export default async function NewIntegrationSystemPage() {
  const user = await requireConsoleUser("/integration-systems/new");
  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/integration-systems">Integration systems</Link>
      </nav>
      <h1>Create integration system</h1>
      <p className="lead">Register a machine client. You generate its OAuth2 credentials on the next page.</p>
      <AdminOnly role={user.role}>
        <IntegrationSystemForm />
      </AdminOnly>
    </>
  );
}
