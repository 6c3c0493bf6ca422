import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditLog } from "@/components/audit-log/audit-log";

export const metadata: Metadata = { title: "Audit log" };

export default function AuditLogPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Audit log</h1>
          <p className="lead">Every change, newest first: who made it, how they signed in, and what it touched. Secrets are never recorded.</p>
        </div>
      </div>
      <Suspense>
        <AuditLog />
      </Suspense>
    </>
  );
}
