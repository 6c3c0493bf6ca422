import type { Metadata } from "next";
import { requireObject } from "@/app/(console)/require-object";
import { Suspense } from "react";
import { ApplicationDetail } from "@/components/tenant-objects/kinds/application";

export const metadata: Metadata = { title: "Application" };

export default async function ApplicationPage({ params }: { params: Promise<{ id: string; appId: string }> }) {
  const { id, appId } = await params;
  await requireObject({ kind: "application", id: appId, tenantId: id });
  return (
    <Suspense>
      <ApplicationDetail tenantId={id} id={appId} />
    </Suspense>
  );
}
