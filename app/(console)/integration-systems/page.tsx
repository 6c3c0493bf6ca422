import { IntegrationSystemList } from "@/components/integration-systems/integration-system-list";
import { listPage } from "@/app/(console)/list-page";

const LEAD = "Machine clients that work across all tenants. Each gets OAuth2 client credentials and calls the GraphQL API itself.";

const page = listPage("Integration systems", LEAD, IntegrationSystemList);

export const metadata = page.metadata;
export default page.Page;
