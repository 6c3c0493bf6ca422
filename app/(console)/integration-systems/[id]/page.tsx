import type { Metadata } from "next";
import { requireObject } from "@/app/(console)/require-object";
import { IntegrationSystemDetail } from "@/components/integration-systems/integration-system-detail";

// The object's name replaces this once it has loaded (components/console/breadcrumbs.tsx).
export const metadata: Metadata = { title: "Integration system" };

export default async function IntegrationSystemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireObject({ kind: "integrationSystem", id });
  return <IntegrationSystemDetail id={id} />;
}
