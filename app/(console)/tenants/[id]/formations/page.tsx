import type { Metadata } from "next";
import { Suspense } from "react";
import { FormationList } from "@/components/formations/formation-list";

export const metadata: Metadata = { title: "Formations" };

export default async function FormationsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense>
      <FormationList tenantId={id} />
    </Suspense>
  );
}
