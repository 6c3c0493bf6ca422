import type { Metadata } from "next";
import { Overview } from "@/components/overview/overview";

export const metadata: Metadata = { title: "Overview" };

export default function OverviewPage() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Overview</h1>
          <p className="lead">What needs attention: credentials about to stop working, and the latest changes.</p>
        </div>
      </div>
      <Overview />
    </>
  );
}
