import type { Metadata } from "next";
import { Suspense } from "react";
import { IntegrationSystemList } from "@/components/integration-systems/integration-system-list";

export const metadata: Metadata = { title: "Integration systems" };

export default function IntegrationSystemsPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Integration systems</h1>
          <p className="lead">Machine clients that work across all tenants. Each gets OAuth2 client credentials and calls the GraphQL API itself.</p>
        </div>
      </div>
      <Suspense>
        <IntegrationSystemList />
      </Suspense>
    </>
  );
}
