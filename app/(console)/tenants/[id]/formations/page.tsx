import { FormationList } from "@/components/formations/formation-list";
import { tenantTabPage } from "@/app/(console)/tenants/[id]/tenant-tab-page";

const page = tenantTabPage("Formations", FormationList);

export const metadata = page.metadata;
export default page.Page;
