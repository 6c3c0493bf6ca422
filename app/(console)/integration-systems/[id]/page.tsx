import type { Metadata } from "next";
import Link from "next/link";
import { IntegrationSystemDetail } from "../../../../components/integration-systems/integration-system-detail";

export const metadata: Metadata = { title: "Integration system" };

export default async function IntegrationSystemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/integration-systems">Integration systems</Link>
      </nav>
      <IntegrationSystemDetail id={id} />
    </>
  );
}
