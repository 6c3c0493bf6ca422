import type { Metadata } from "next";
import { requireObject } from "@/app/(console)/require-object";
import { Suspense } from "react";
import { TenantDetail } from "@/components/tenants/tenant-detail";

export const metadata: Metadata = { title: "Tenant" };

export default async function TenantPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireObject({ kind: "tenant", id });
  return (
    <Suspense>
      <TenantDetail id={id} />
    </Suspense>
  );
}
