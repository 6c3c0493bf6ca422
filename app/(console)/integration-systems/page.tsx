import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { Suspense } from "react";
import { IntegrationSystemList } from "@/components/integration-systems/integration-system-list";

export const metadata: Metadata = { title: "Integration systems" };

export default function IntegrationSystemsPage() {
  return (
    <>
      <PageHeader
        title="Integration systems"
        lead="Machine clients that work across all tenants. Each gets OAuth2 client credentials and calls the GraphQL API itself."
      />
      <Suspense>
        <IntegrationSystemList />
      </Suspense>
    </>
  );
}
