import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { TenantDetail } from "../../../../components/tenants/tenant-detail";

export const metadata: Metadata = { title: "Tenant" };

export default async function TenantPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/tenants">Tenants</Link>
      </nav>
      <Suspense>
        <TenantDetail id={id} />
      </Suspense>
    </>
  );
}
