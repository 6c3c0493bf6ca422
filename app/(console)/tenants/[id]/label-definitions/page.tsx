import type { Metadata } from "next";
import { Suspense } from "react";
import { LabelDefinitions } from "@/components/labels/label-definitions";

export const metadata: Metadata = { title: "Label definitions" };

export default async function LabelDefinitionsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense>
      <LabelDefinitions tenantId={id} />
    </Suspense>
  );
}
