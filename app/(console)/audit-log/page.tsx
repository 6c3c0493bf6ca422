import type { Metadata } from "next";
import { ListPage } from "@/components/console/page-header";
import { AuditLog } from "@/components/audit-log/audit-log";

export const metadata: Metadata = { title: "Audit log" };

const LEAD = "Every change, newest first: who made it, how they signed in, and what it touched. Secrets are never recorded.";

export default function AuditLogPage() {
  return (
    <ListPage title="Audit log" lead={LEAD}>
      <AuditLog />
    </ListPage>
  );
}
