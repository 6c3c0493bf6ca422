import type { Metadata } from "next";
import { ApplicationDetail } from "@/components/tenant-objects/kinds/application";
import { tenantObjectPage } from "@/app/(console)/tenants/[id]/tenant-object-page";

export const metadata: Metadata = { title: "Application" };

export default async function ApplicationPage({ params }: { params: Promise<{ id: string; appId: string }> }) {
  const { id, appId } = await params;
  return tenantObjectPage("application", id, appId, ApplicationDetail);
}
