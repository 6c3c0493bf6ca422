"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { Breadcrumbs } from "@/components/console/breadcrumbs";
import { LoadError } from "@/components/console/load-error";
import type { ObjectKindName } from "./console-kind";

/**
 * The loading, error and not-found states an application's or a runtime's
 * page share; `children` renders once the object is there.
 */
export function ObjectPageShell({
  kind,
  tenant,
  listHref,
  loading,
  error,
  found,
  name,
  onRetry,
  children,
}: {
  kind: ObjectKindName;
  tenant: { id: string; name: string } | null | undefined;
  /** The tenant page's tab that lists this kind: the middle crumb. */
  listHref: string;
  loading: boolean;
  error: Error | undefined;
  found: boolean;
  /** The object's name, the last crumb once loaded. */
  name?: string;
  onRetry: () => void;
  children: () => ReactNode;
}) {
  const tenantsCrumb = { label: "Tenants", href: "/tenants" };
  const tenantCrumb = { label: tenant?.name ?? "Tenant", href: listHref };
  if (loading)
    return (
      <>
        <Breadcrumbs trail={[tenantsCrumb, { label: "Loading…" }]} />
        <div className="card" role="status" aria-busy="true" aria-label={`Loading ${kind}`}>
          <span className="skeleton" />
        </div>
      </>
    );
  if (error)
    return (
      <>
        <Breadcrumbs trail={[tenantsCrumb, tenantCrumb, { label: kind === "runtime" ? "Runtime" : "Application" }]} />
        <LoadError what={`this ${kind}`} error={error} onRetry={onRetry} />
      </>
    );
  if (!found)
    return (
      <>
        <Breadcrumbs trail={[tenantsCrumb, tenantCrumb, { label: "Not found" }]} />
        <div className="card" role="alert">
          <h1>{kind === "runtime" ? "Runtime" : "Application"} not found</h1>
          <p className="lead">It may have been unregistered, or the link is wrong.</p>
          <Link className="btn btn-secondary" href={tenantCrumb.href}>
            Back to the tenant
          </Link>
        </div>
      </>
    );
  return (
    <>
      <Breadcrumbs trail={[tenantsCrumb, tenantCrumb, { label: name ?? kind }]} />
      {children()}
    </>
  );
}
