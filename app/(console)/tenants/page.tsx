import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { Suspense } from "react";
import { TenantList } from "@/components/tenants/tenant-list";

export const metadata: Metadata = { title: "Tenants" };

export default function TenantsPage() {
  return (
    <>
      <PageHeader title="Tenants" lead="Customers' spaces. Integration systems register applications in any of them by sending the tenant header." />
      <Suspense>
        <TenantList />
      </Suspense>
    </>
  );
}
