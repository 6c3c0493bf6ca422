import { LabelDefinitions } from "@/components/labels/label-definitions";
import { tenantTabPage } from "@/app/(console)/tenants/[id]/tenant-tab-page";

const page = tenantTabPage("Label definitions", LabelDefinitions);

export const metadata = page.metadata;
export default page.Page;
