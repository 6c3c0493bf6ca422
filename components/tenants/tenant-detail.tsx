"use client";

import { useQuery } from "@apollo/client/react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { APPLICATION } from "@/components/tenant-objects/kinds/application";
import { RUNTIME } from "@/components/tenant-objects/kinds/runtime";
import { ObjectTable } from "@/components/tenant-objects/object-table";
import { RegisterFromTemplateButton } from "@/components/tenant-objects/register-from-template-button";
import { useCanWrite } from "@/components/console/console-providers";
import { CreatedAndUpdated } from "@/components/ui/timestamp";
import { DeleteTenantDialog } from "./delete-tenant-dialog";
import { TenantFormDialog } from "./tenant-form-dialog";
import { TenantDetailDocument, type TenantDetailQuery } from "./tenants.generated";
import { EditAndRemoveActions, PageHeader } from "@/components/console/page-header";
import { DetailStates } from "@/components/console/detail-states";

/** The tenant page's tabs, each listing one kind of what is registered in it; the first is the page's own address. */
const TABS = [
  {
    name: "applications",
    title: "Applications",
    query: "",
    table: (tenantId: string) => <ObjectTable kind={APPLICATION} tenantId={tenantId} writeActions={<RegisterFromTemplateButton tenantId={tenantId} />} />,
  },
  { name: "runtimes", title: "Runtimes", query: "?tab=runtimes", table: (tenantId: string) => <ObjectTable kind={RUNTIME} tenantId={tenantId} /> },
] as const;

/** One tenant, with the applications or (second tab, `?tab=runtimes`) the runtimes registered in it. */
export function TenantDetail({ id }: { id: string }) {
  const canWrite = useCanWrite();
  const router = useRouter();
  const tab = useSearchParams().get("tab") === "runtimes" ? "runtimes" : "applications";
  const shown = TABS.find(({ name }) => name === tab)!;
  const [dialog, setDialog] = useState<"edit" | "delete" | null>(null);
  const query = useQuery(TenantDetailDocument, { variables: { id } });

  return (
    <DetailStates noun="tenant" trail={[{ label: "Tenants", href: "/tenants" }]} query={query} object={query.data?.tenant}>
      {(tenant) => (
        <>
          <PageHeader
            title={tenant.name}
            lead="Tenant"
            actions={canWrite ? <EditAndRemoveActions onEdit={() => setDialog("edit")} removeLabel="Delete" onRemove={() => setDialog("delete")} /> : null}
          />
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
              <TenantMapping tenant={tenant} />
              <CreatedAndUpdated object={tenant} />
            </dl>
          </section>
          {/* Tabs are links: each tab's list keeps its own search, filter and page in the URL, and a tab change starts afresh. */}
          <nav className="tabs" aria-label="Tenant contents">
            {TABS.map(({ name, title, query }) => (
              <Link key={name} href={`/tenants/${id}${query}`} aria-current={tab === name ? "page" : undefined}>
                {title}
              </Link>
            ))}
            <Link className="tabs-end" href={`/tenants/${id}/formations`}>
              Formations
            </Link>
            <Link href={`/tenants/${id}/label-definitions`}>Label definitions</Link>
          </nav>
          <section key={tab} aria-labelledby={`${tab}-heading`}>
            <h2 id={`${tab}-heading`} className="sr-only">
              {shown.title}
            </h2>
            {shown.table(tenant.internalID)}
          </section>
          {dialog === "edit" ? <TenantFormDialog tenant={tenant} onClose={() => setDialog(null)} /> : null}
          {dialog === "delete" ? <DeleteTenantDialog tenant={tenant} onClose={() => setDialog(null)} onDeleted={() => router.push("/tenants")} /> : null}
        </>
      )}
    </DetailStates>
  );
}

/** Compass's tenant mapping: type, parents (as links), provider, region, whether it is initialized, and labels. */
function TenantMapping({ tenant }: { tenant: TenantDetailQuery["tenant"] & object }) {
  const labels = (tenant.labels ?? {}) as Record<string, unknown>;
  return (
    <>
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
    </>
  );
}
