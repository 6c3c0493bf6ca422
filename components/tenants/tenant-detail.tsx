"use client";

import { useQuery } from "@apollo/client/react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { APPLICATION } from "@/components/tenant-objects/kinds/application";
import { RUNTIME } from "@/components/tenant-objects/kinds/runtime";
import { ObjectTable } from "@/components/tenant-objects/object-table";
import { useCanWrite } from "@/components/console/console-providers";
import { Timestamp } from "@/components/ui/timestamp";
import { DeleteTenantDialog } from "./delete-tenant-dialog";
import { TenantFormDialog } from "./tenant-form-dialog";
import { TenantDetailDocument } from "./tenants.generated";
import { PageHeader } from "@/components/console/page-header";
import { DetailStates } from "@/components/console/detail-states";

/** One tenant, with the applications or (second tab, `?tab=runtimes`) the runtimes registered in it. */
export function TenantDetail({ id }: { id: string }) {
  const canWrite = useCanWrite();
  const router = useRouter();
  const tab = useSearchParams().get("tab") === "runtimes" ? "runtimes" : "applications";
  const [dialog, setDialog] = useState<"edit" | "delete" | null>(null);
  const { data, loading, error, refetch } = useQuery(TenantDetailDocument, { variables: { id } });

  return (
    <DetailStates
      noun="tenant"
      trail={[{ label: "Tenants", href: "/tenants" }]}
      query={{ loading: loading && !data, error, onRetry: () => void refetch() }}
      object={data?.tenant}
      back={{ href: "/tenants", label: "Back to tenants" }}
    >
      {(tenant) => (
        <>
          <PageHeader
            title={tenant.name}
            lead="Tenant"
            actions={
              canWrite ? (
                <>
                  <button type="button" className="btn btn-secondary" onClick={() => setDialog("edit")}>
                    Edit
                  </button>
                  <button type="button" className="btn btn-secondary btn-danger-text" onClick={() => setDialog("delete")}>
                    Delete
                  </button>
                </>
              ) : null
            }
          />
          <section className="card" aria-label="Details">
            <dl className="details-grid">
              <dt>External id</dt>
              <dd>
                <code>{tenant.externalId}</code>
              </dd>
              <dt>ID</dt>
              <dd>
                <code>{tenant.id}</code>
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
              <ObjectTable kind={APPLICATION} tenantId={tenant.id} />
            </section>
          ) : (
            <section aria-labelledby="runtimes-heading">
              <h2 id="runtimes-heading" className="sr-only">
                Runtimes
              </h2>
              <ObjectTable kind={RUNTIME} tenantId={tenant.id} />
            </section>
          )}
          {dialog === "edit" ? <TenantFormDialog tenant={tenant} onClose={() => setDialog(null)} /> : null}
          {dialog === "delete" ? <DeleteTenantDialog tenant={tenant} onClose={() => setDialog(null)} onDeleted={() => router.push("/tenants")} /> : null}
        </>
      )}
    </DetailStates>
  );
}
