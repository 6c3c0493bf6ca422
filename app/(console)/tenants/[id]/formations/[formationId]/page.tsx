import type { Metadata } from "next";
import { Suspense } from "react";
import { FormationDetail } from "@/components/formations/formation-detail";

export const metadata: Metadata = { title: "Formation" };

export default async function FormationPage({ params }: { params: Promise<{ id: string; formationId: string }> }) {
  const { id, formationId } = await params;
  return (
    <Suspense>
      <FormationDetail tenantId={id} id={formationId} />
    </Suspense>
  );
}
