import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { Overview } from "@/components/overview/overview";

export const metadata: Metadata = { title: "Overview" };

export default function OverviewPage() {
  return (
    <>
      <PageHeader title="Overview" lead="What needs attention: credentials about to stop working, and the latest changes." />
      <Overview />
    </>
  );
}
