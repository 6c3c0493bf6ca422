"use client";

import { useRouter } from "next/navigation";
import { useMutation, useQuery } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { useCanWrite } from "@/components/console/console-providers";
import { DataTable } from "@/components/ui/data-table";
import { createdColumn } from "@/components/ui/data-table-columns";
import { ListPagination } from "@/components/ui/data-table-pagination";
import { DataTableToolbar } from "@/components/ui/data-table-toolbar";
import { useListUrlState } from "@/components/ui/use-list-url-state";
import { ApplicationFormDialog } from "./application-form-dialog";
import { type TenantApplicationsQuery, TenantApplicationsDocument, UnregisterApplicationDocument } from "./applications.generated";
import { LABEL_FILTER_PARAM, LabelFilterField, filterProblem, labelFilters } from "@/components/labels/label-filter";
import { descriptionColumn, editUnregisterColumn, nameLinkColumn } from "@/components/tenant-objects/object-columns";
import { type ObjectListDialog, ObjectListDialogs } from "@/components/tenant-objects/object-list-dialogs";
import { inTenant } from "@/components/tenant-objects/tenant-context";

type Application = TenantApplicationsQuery["applications"]["data"][number];

const NO_SORT_FIELDS: readonly string[] = [];

/**
 * A tenant's applications: the same list patterns as integration systems
 * (search and page in the URL). The query is tenant-scoped by header, which
 * Apollo's cache keys cannot see, so it always asks the network rather than
 * risk showing another tenant's cached page.
 */
export function ApplicationTable({ tenantId }: { tenantId: string }) {
  const canWrite = useCanWrite();
  const list = useListUrlState(NO_SORT_FIELDS);
  const [dialog, setDialog] = useState<ObjectListDialog<Application>>(null);
  const labelFilter = list.filter(LABEL_FILTER_PARAM);
  const router = useRouter();
  const { data, previousData, loading, error, refetch } = useQuery(TenantApplicationsDocument, {
    variables: { first: list.pageSize, after: list.after, search: list.search || undefined, filter: labelFilters(labelFilter) },
    context: inTenant(tenantId),
    fetchPolicy: "network-only",
    notifyOnNetworkStatusChange: true,
  });
  const [unregister] = useMutation(UnregisterApplicationDocument, { context: inTenant(tenantId) });
  const refusedFilter = filterProblem(error);
  const page = refusedFilter ? undefined : (data ?? previousData)?.applications;

  const columns = useMemo<ColumnDef<Application>[]>(
    () => [
      nameLinkColumn<Application>((item) => `/tenants/${tenantId}/applications/${item.id}`),
      descriptionColumn<Application>(),
      {
        id: "integrationSystem",
        header: "Managed by",
        // On a phone the name and its actions fill the row; the application's page names its manager.
        meta: { hideOnMobile: true },
        cell: ({ row }) =>
          row.original.integrationSystem ? (
            <Link href={`/integration-systems/${row.original.integrationSystem.id}`}>{row.original.integrationSystem.name}</Link>
          ) : (
            <span className="muted">No integration system</span>
          ),
      },
      createdColumn<Application>("Registered"),
      editUnregisterColumn<Application>(canWrite, (kind, item) => setDialog({ kind, item })),
    ],
    [canWrite, tenantId],
  );

  return (
    <>
      <DataTableToolbar search={list.search} onSearchChange={list.setSearch} searchLabel="Search applications by name" idPrefix="applications">
        {canWrite ? (
          <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: "register" })}>
            Register application
          </button>
        ) : null}
      </DataTableToolbar>
      <LabelFilterField value={labelFilter} onChange={(value) => list.setFilter(LABEL_FILTER_PARAM, value)} error={refusedFilter} idPrefix="applications" />
      <DataTable
        caption="Applications"
        columns={columns}
        data={error ? [] : (page?.data ?? [])}
        loading={loading}
        error={refusedFilter ? null : error}
        onRetry={() => void refetch()}
        empty={
          refusedFilter ? (
            <p>Correct the label filter to see applications.</p>
          ) : list.search || labelFilter ? (
            <p>
              No application matches {[list.search && `“${list.search}”`, labelFilter && `the label filter “${labelFilter}”`].filter(Boolean).join(" and ")}.
            </p>
          ) : (
            <p>
              <strong>No applications in this tenant yet.</strong> Integration systems register them with their own credentials.
            </p>
          )
        }
        getRowId={(row) => row.id}
      />
      <ListPagination list={list} page={page} idPrefix="applications" />
      <ObjectListDialogs
        kind="application"
        dialog={dialog}
        formDialog={(item) => (
          <ApplicationFormDialog
            tenantId={tenantId}
            application={item}
            onClose={() => setDialog(null)}
            // A new one's page is the next step (labels, credentials); an edit stays on the list.
            onSaved={(id) => (item ? void refetch() : router.push(`/tenants/${tenantId}/applications/${id}`))}
          />
        )}
        unregister={(item) => unregister({ variables: { id: item.id } })}
        unregisterDescription="The application is removed from this tenant. This cannot be undone."
        onClose={() => setDialog(null)}
        onChanged={() => void refetch()}
      />
    </>
  );
}
