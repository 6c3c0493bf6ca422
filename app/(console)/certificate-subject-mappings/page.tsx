import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { AdminOnly } from "@/components/console/admin-only";
import { SubjectMappingList } from "@/components/certificate-subject-mappings/subject-mapping-list";
import { requireConsoleUser } from "@/app/(console)/current-user";

export const metadata: Metadata = { title: "Certificate subject mappings" };

export default async function CertificateSubjectMappingsPage() {
  const user = await requireConsoleUser("/certificate-subject-mappings");
  return (
    <>
      <PageHeader
        title="Certificate subject mappings"
        lead="Who a client certificate from a trusted outside CA is: its subject maps to an integration system, an application or a runtime, with the tenant access levels it holds. Certificates the Connector issued need none."
      />
      <AdminOnly role={user.role}>
        <SubjectMappingList />
      </AdminOnly>
    </>
  );
}
