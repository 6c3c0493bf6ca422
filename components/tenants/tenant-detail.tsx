"use client";

import { useQuery } from "@apollo/client/react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { APPLICATION } from "@/components/tenant-objects/kinds/application";
import { RUNTIME } from "@/components/tenant-objects/kinds/runtime";
import { ObjectTable } from "@/components/tenant-objects/object-table";
import { useCanWrite } from "@/components/console/console-providers";
import { Breadcrumbs } from "@/components/console/breadcrumbs";
import { LoadError } from "@/components/console/load-error";
import { Timestamp } from "@/components/ui/timestamp";
import { DeleteTenantDialog } from "./delete-tenant-dialog";
import { TenantFormDialog } from "./tenant-form-dialog";
import { TenantDetailDocument } from "./tenants.generated";

/** One tenant, with the applications or (second tab, `?tab=runtimes`) the runtimes registered in it. */
export function TenantDetail({ id }: { id: string }) {
  const canWrite = useCanWrite();
  const router = useRouter();
  const tab = useSearchParams().get("tab") === "runtimes" ? "runtimes" : "applications";
  const [dialog, setDialog] = useState<"edit" | "delete" | null>(null);
  const { data, loading, error, refetch } = useQuery(TenantDetailDocument, { variables: { id } });

  const parent = { label: "Tenants", href: "/tenants" };
  if (loading && !data)
    return (
      <>
        <Breadcrumbs trail={[parent, { label: "Loading…" }]} />
        <div className="card" role="status" aria-busy="true" aria-label="Loading tenant">
          <span className="skeleton" />
        </div>
      </>
    );
  if (error)
    return (
      <>
        <Breadcrumbs trail={[parent, { label: "Tenant" }]} />
        <LoadError what="this tenant" error={error} onRetry={() => void refetch()} />
      </>
    );
  const tenant = data?.tenant;
  if (!tenant)
    return (
      <>
        <Breadcrumbs trail={[parent, { label: "Not found" }]} />
        <div className="card" role="alert">
          <h1>Tenant not found</h1>
          <p className="lead">It may have been deleted, or the link is wrong.</p>
          <Link className="btn btn-secondary" href="/tenants">
            Back to tenants
          </Link>
        </div>
      </>
    );

  const labels = (tenant.labels ?? {}) as Record<string, unknown>;
  return (
    <>
      <Breadcrumbs trail={[parent, { label: tenant.name }]} />
      <div className="page-header">
        <div>
          <h1>{tenant.name}</h1>
          <p className="lead">Tenant</p>
        </div>
        {canWrite ? (
          <div className="page-actions">
            <button type="button" className="btn btn-secondary" onClick={() => setDialog("edit")}>
              Edit
            </button>
            <button type="button" className="btn btn-secondary btn-danger-text" onClick={() => setDialog("delete")}>
              Delete
            </button>
          </div>
        ) : null}
      </div>
      <section className="card" aria-label="Details">
        <dl className="details-grid">
          <dt>External id</dt>
          <dd>
            <code>{tenant.id}</code>
          </dd>
          <dt>Internal id</dt>
          <dd>
            <code>{tenant.internalID}</code>
          </dd>
          <dt>Type</dt>
          <dd>
            <span className="badge">{tenant.type}</span>
          </dd>
          <dt>Parents</dt>
          <dd>
            {tenant.parentTenants.length === 0
              ? "None"
              : tenant.parentTenants.map((parentTenant, index) => (
                  <span key={parentTenant.internalID}>
                    {index > 0 ? ", " : null}
                    <Link href={`/tenants/${parentTenant.internalID}`}>{parentTenant.name}</Link> <span className="badge">{parentTenant.type}</span>
                  </span>
                ))}
          </dd>
          <dt>Provider</dt>
          <dd>{tenant.provider || "—"}</dd>
          {tenant.subdomain ? (
            <>
              <dt>Subdomain</dt>
              <dd>{tenant.subdomain}</dd>
            </>
          ) : null}
          {tenant.region ? (
            <>
              <dt>Region</dt>
              <dd>{tenant.region}</dd>
            </>
          ) : null}
          <dt>Initialized</dt>
          <dd>{tenant.initialized ? "Yes" : "No"}</dd>
          <dt>Labels</dt>
          <dd>
            {Object.keys(labels).length === 0
              ? "None"
              : Object.entries(labels).map(([key, value], index) => (
                  <span key={key}>
                    {index > 0 ? " " : null}
                    <span className="badge">
                      {key}: {typeof value === "string" ? value : JSON.stringify(value)}
                    </span>
                  </span>
                ))}
          </dd>
          <dt>Created</dt>
          <dd>
            <Timestamp iso={tenant.createdAt} />
          </dd>
          <dt>Updated</dt>
          <dd>
            <Timestamp iso={tenant.updatedAt} />
          </dd>
        </dl>
      </section>
      {/* Tabs are links: each tab's list keeps its own search, filter and page in the URL, and a tab change starts afresh. */}
      <nav className="tabs" aria-label="Tenant contents">
        <Link href={`/tenants/${id}`} aria-current={tab === "applications" ? "page" : undefined}>
          Applications
        </Link>
        <Link href={`/tenants/${id}?tab=runtimes`} aria-current={tab === "runtimes" ? "page" : undefined}>
          Runtimes
        </Link>
        <Link className="tabs-end" href={`/tenants/${id}/label-definitions`}>
          Label definitions
        </Link>
      </nav>
      {tab === "applications" ? (
        <section aria-labelledby="applications-heading">
          <h2 id="applications-heading" className="sr-only">
            Applications
          </h2>
          <ObjectTable kind={APPLICATION} tenantId={tenant.internalID} />
        </section>
      ) : (
        <section aria-labelledby="runtimes-heading">
          <h2 id="runtimes-heading" className="sr-only">
            Runtimes
          </h2>
          <ObjectTable kind={RUNTIME} tenantId={tenant.internalID} />
        </section>
      )}
      {dialog === "edit" ? <TenantFormDialog tenant={tenant} onClose={() => setDialog(null)} /> : null}
      {dialog === "delete" ? <DeleteTenantDialog tenant={tenant} onClose={() => setDialog(null)} onDeleted={() => router.push("/tenants")} /> : null}
    </>
  );
}
