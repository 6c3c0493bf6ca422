import type { Metadata } from "next";
import { adminPage } from "@/app/(console)/admin-page";
import { CreatePageHeader } from "@/components/console/page-header";
import { IntegrationSystemForm } from "@/components/integration-systems/integration-system-form";
import { SYSTEM_KIND } from "@/components/integration-systems/system-kind";

export const metadata: Metadata = { title: "Create integration system" };

const LEAD = "Register a machine client. You generate its OAuth2 credentials on the next page.";

export default function NewIntegrationSystemPage() {
  const header = <CreatePageHeader list={SYSTEM_KIND.list} title="Create integration system" lead={LEAD} />;
  return adminPage({ path: "/integration-systems/new", header, body: () => <IntegrationSystemForm /> });
}
