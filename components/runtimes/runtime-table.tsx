"use client";

import { useRouter } from "next/navigation";
import { useMutation, useQuery } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { descriptionColumn, editUnregisterColumn, nameLinkColumn } from "@/components/tenant-objects/object-columns";
import { type ObjectListDialog, ObjectListDialogs } from "@/components/tenant-objects/object-list-dialogs";
import { inTenant } from "@/components/tenant-objects/tenant-context";
import { useCanWrite } from "@/components/console/console-providers";
import { LABEL_FILTER_PARAM, LabelFilterField, filterProblem, labelFilters } from "@/components/labels/label-filter";
import { DataTable } from "@/components/ui/data-table";
import { DataTableToolbar } from "@/components/ui/data-table-toolbar";
import { ListPagination } from "@/components/ui/data-table-pagination";
import { Timestamp } from "@/components/ui/timestamp";
import { useListUrlState } from "@/components/ui/use-list-url-state";
import { RuntimeFormDialog } from "./runtime-form-dialog";
import { type TenantRuntimesQuery, TenantRuntimesDocument, UnregisterRuntimeDocument } from "./runtimes.generated";

type Runtime = TenantRuntimesQuery["runtimes"]["data"][number];

const NO_SORT_FIELDS: readonly string[] = [];

/** The badge of a runtime's status condition. */
export function RuntimeStatusBadge({ condition }: { condition: string }) {
  const tone = condition === "CONNECTED" ? "badge-success" : condition === "FAILED" ? "badge-danger" : "";
  return <span className={`badge ${tone}`}>{condition.charAt(0) + condition.slice(1).toLowerCase()}</span>;
}

/**
 * A tenant's runtimes: the applications list's patterns, name search and the
 * label filter in the URL. Tenant-scoped by header,
 * so always from the network, never another tenant's cached page.
 */
export function RuntimeTable({ tenantId }: { tenantId: string }) {
  const canWrite = useCanWrite();
  const list = useListUrlState(NO_SORT_FIELDS);
  const [dialog, setDialog] = useState<ObjectListDialog<Runtime>>(null);
  const labelFilter = list.filter(LABEL_FILTER_PARAM);
  const router = useRouter();
  const { data, previousData, loading, error, refetch } = useQuery(TenantRuntimesDocument, {
    variables: { first: list.pageSize, after: list.after, search: list.search || undefined, filter: labelFilters(labelFilter) },
    context: inTenant(tenantId),
    fetchPolicy: "network-only",
    notifyOnNetworkStatusChange: true,
  });
  const [unregister] = useMutation(UnregisterRuntimeDocument, { context: inTenant(tenantId) });
  const refusedFilter = filterProblem(error);
  const page = refusedFilter ? undefined : (data ?? previousData)?.runtimes;

  const columns = useMemo<ColumnDef<Runtime>[]>(
    () => [
      nameLinkColumn<Runtime>((item) => `/tenants/${tenantId}/runtimes/${item.id}`),
      descriptionColumn<Runtime>(),
      { id: "status", header: "Status", cell: ({ row }) => <RuntimeStatusBadge condition={row.original.status.condition} /> },
      {
        id: "createdAt",
        header: "Registered",
        meta: { hideOnMobile: true },
        cell: ({ row }) => <Timestamp iso={String(row.original.metadata.creationTimestamp)} />,
      },
      editUnregisterColumn<Runtime>(canWrite, (kind, item) => setDialog({ kind, item })),
    ],
    [canWrite, tenantId],
  );

  return (
    <>
      <DataTableToolbar search={list.search} onSearchChange={list.setSearch} searchLabel="Search runtimes by name" idPrefix="runtimes">
        {canWrite ? (
          <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: "register" })}>
            Register runtime
          </button>
        ) : null}
      </DataTableToolbar>
      <LabelFilterField value={labelFilter} onChange={(value) => list.setFilter(LABEL_FILTER_PARAM, value)} error={refusedFilter} idPrefix="runtimes" />
      <DataTable
        caption="Runtimes"
        columns={columns}
        data={error ? [] : (page?.data ?? [])}
        loading={loading}
        error={refusedFilter ? null : error}
        onRetry={() => void refetch()}
        empty={
          refusedFilter ? (
            <p>Correct the label filter to see runtimes.</p>
          ) : list.search || labelFilter ? (
            <p>No runtime matches {[list.search && `“${list.search}”`, labelFilter && `the label filter “${labelFilter}”`].filter(Boolean).join(" and ")}.</p>
          ) : (
            <p>
              <strong>No runtimes in this tenant yet.</strong> Register one, or let an integration system with the runtime:write scope do it.
            </p>
          )
        }
        getRowId={(row) => row.id}
      />
      <ListPagination list={list} page={page} idPrefix="runtimes" />
      <ObjectListDialogs
        kind="runtime"
        dialog={dialog}
        formDialog={(item) => (
          <RuntimeFormDialog
            tenantId={tenantId}
            runtime={item}
            onClose={() => setDialog(null)}
            // A new one's page is the next step (labels, credentials); an edit stays on the list.
            onSaved={(id) => (item ? void refetch() : router.push(`/tenants/${tenantId}/runtimes/${id}`))}
          />
        )}
        unregister={(item) => unregister({ variables: { id: item.id } })}
        unregisterDescription="The runtime is removed from this tenant with its labels and credentials; its access tokens stop working at once. This cannot be undone."
        onClose={() => setDialog(null)}
        onChanged={() => void refetch()}
      />
    </>
  );
}
