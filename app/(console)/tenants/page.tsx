import type { Metadata } from "next";
import { Suspense } from "react";
import { TenantList } from "@/components/tenants/tenant-list";

export const metadata: Metadata = { title: "Tenants" };

export default function TenantsPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Tenants</h1>
          <p className="lead">Customers&apos; spaces. Integration systems register applications in any of them by sending the tenant header.</p>
        </div>
      </div>
      <Suspense>
        <TenantList />
      </Suspense>
    </>
  );
}
