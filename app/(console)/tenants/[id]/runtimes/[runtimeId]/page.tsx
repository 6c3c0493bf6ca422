import type { Metadata } from "next";
import { requireObject } from "@/app/(console)/require-object";
import { Suspense } from "react";
import { RuntimeDetail } from "@/components/tenant-objects/kinds/runtime";

export const metadata: Metadata = { title: "Runtime" };

export default async function RuntimePage({ params }: { params: Promise<{ id: string; runtimeId: string }> }) {
  const { id, runtimeId } = await params;
  await requireObject({ kind: "runtime", id: runtimeId, tenantId: id });
  return (
    <Suspense>
      <RuntimeDetail tenantId={id} id={runtimeId} />
    </Suspense>
  );
}
