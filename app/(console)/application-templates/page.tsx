import { TemplateList } from "@/components/application-templates/template-list";
import { listPage } from "@/app/(console)/list-page";

const LEAD =
  "What integration systems publish: an application with placeholders, which a tenant fills in to register it (on a tenant's Applications tab, Register from template).";

const page = listPage("Application templates", LEAD, TemplateList);

export const metadata = page.metadata;
export default page.Page;
