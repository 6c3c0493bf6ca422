import { AuditLog } from "@/components/audit-log/audit-log";
import { listPage } from "@/app/(console)/list-page";

const LEAD = "Every change, newest first: who made it, how they signed in, and what it touched. Secrets are never recorded.";

const page = listPage("Audit log", LEAD, AuditLog);

export const metadata = page.metadata;
export default page.Page;
