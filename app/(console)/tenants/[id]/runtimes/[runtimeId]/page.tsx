import type { Metadata } from "next";
import { RuntimeDetail } from "@/components/tenant-objects/kinds/runtime";
import { tenantObjectPage } from "@/app/(console)/tenants/[id]/tenant-object-page";

export const metadata: Metadata = { title: "Runtime" };

export default async function RuntimePage({ params }: { params: Promise<{ id: string; runtimeId: string }> }) {
  const { id, runtimeId } = await params;
  return tenantObjectPage("runtime", id, runtimeId, RuntimeDetail);
}
