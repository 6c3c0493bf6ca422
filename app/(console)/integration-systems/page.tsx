import type { Metadata } from "next";
import { ListPage } from "@/components/console/page-header";
import { IntegrationSystemList } from "@/components/integration-systems/integration-system-list";

export const metadata: Metadata = { title: "Integration systems" };

const LEAD = "Machine clients that work across all tenants. Each gets OAuth2 client credentials and calls the GraphQL API itself.";

export default function IntegrationSystemsPage() {
  return (
    <ListPage title="Integration systems" lead={LEAD}>
      <IntegrationSystemList />
    </ListPage>
  );
}
