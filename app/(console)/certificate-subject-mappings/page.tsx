import type { Metadata } from "next";
import { adminPage } from "@/app/(console)/admin-page";
import { PageHeader } from "@/components/console/page-header";
import { SubjectMappingList } from "@/components/certificate-subject-mappings/subject-mapping-list";

export const metadata: Metadata = { title: "Certificate subject mappings" };

const LEAD =
  "Who a client certificate from a trusted outside CA is: its subject maps to an integration system, an application or a runtime, with the tenant access levels it holds. Certificates the Connector issued need none.";

export default function CertificateSubjectMappingsPage() {
  const header = <PageHeader title="Certificate subject mappings" lead={LEAD} />;
  return adminPage({ path: "/certificate-subject-mappings", header, body: () => <SubjectMappingList /> });
}
