"use client";

import { useQuery } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { useCanWrite } from "@/components/console/console-providers";
import { WriteAction } from "@/components/console/write-action";
import { DataTable, queryRows } from "@/components/ui/data-table";
import { actionsColumn, createdColumn, sortable } from "@/components/ui/data-table-columns";
import { ListPagination } from "@/components/ui/data-table-pagination";
import { DataTableToolbar } from "@/components/ui/data-table-toolbar";
import { RowActions } from "@/components/ui/row-actions";
import { urlSorting, useListUrlState } from "@/components/ui/use-list-url-state";
import { DeleteTenantDialog } from "./delete-tenant-dialog";
import { TenantFormDialog } from "./tenant-form-dialog";
import { TenantListDocument, type TenantListQuery } from "./tenants.generated";

type Tenant = TenantListQuery["tenants"]["data"][number];

const SORT_FIELDS = ["NAME", "EXTERNAL_ID", "CREATED_AT"] as const;
type SortField = (typeof SORT_FIELDS)[number];
// Table column ids map one to one to the API's order fields.
const COLUMN_FOR_FIELD: Record<SortField, string> = { NAME: "name", EXTERNAL_ID: "externalId", CREATED_AT: "createdAt" };

/** Tenants, a page at a time (oldest first unless sorted), with search, sort and page kept in the URL. */
export function TenantList() {
  const canWrite = useCanWrite();
  const list = useListUrlState(SORT_FIELDS);
  const [dialog, setDialog] = useState<{ kind: "create" } | { kind: "edit" | "delete"; tenant: Tenant } | null>(null);
  const { data, previousData, loading, error, refetch } = useQuery(TenantListDocument, {
    variables: {
      first: list.pageSize,
      after: list.after,
      search: list.search || undefined,
      orderBy: list.sort ? { field: list.sort.field as SortField, direction: list.sort.direction } : undefined,
    },
    notifyOnNetworkStatusChange: true,
  });
  const page = (data ?? previousData)?.tenants;

  const columns = useMemo<ColumnDef<Tenant>[]>(
    () => [
      sortable<Tenant>(
        {
          id: "name",
          cell: ({ row }) => (
            <Link className="row-title" href={`/tenants/${row.original.internalID}`}>
              {row.original.name}
            </Link>
          ),
        },
        "Name",
      ),
      // Compass's Tenant.id is the external id.
      sortable<Tenant>({ id: "externalId", cell: ({ row }) => <code>{row.original.id}</code> }, "External id"),
      { id: "type", header: "Type", enableSorting: false, cell: ({ row }) => <span className="badge">{row.original.type}</span> },
      { id: "parents", header: "Parents", enableSorting: false, meta: { hideOnMobile: true }, cell: ({ row }) => row.original.parents.length || "—" },
      sortable(createdColumn<Tenant>(), "Created"),
      actionsColumn<Tenant>((item) =>
        canWrite ? (
          <RowActions
            name={item.name}
            actions={[
              { label: "Edit", onClick: () => setDialog({ kind: "edit", tenant: item }) },
              { label: "Delete", danger: true, onClick: () => setDialog({ kind: "delete", tenant: item }) },
            ]}
          />
        ) : null,
      ),
    ],
    [canWrite],
  );

  return (
    <>
      <DataTableToolbar search={list.search} onSearchChange={list.setSearch} searchLabel="Search by name or external id" idPrefix="tenants">
        <WriteAction label="Create tenant" onClick={() => setDialog({ kind: "create" })} />
      </DataTableToolbar>
      <DataTable
        caption="Tenants"
        columns={columns}
        {...queryRows({ loading, error, refetch }, page?.data)}
        {...urlSorting(list, COLUMN_FOR_FIELD)}
        empty={
          list.search ? (
            <p>No tenant matches “{list.search}”.</p>
          ) : (
            <>
              <p>
                <strong>No tenants yet.</strong> Applications live in tenants; create one for each customer.
              </p>
              <WriteAction label="Create tenant" onClick={() => setDialog({ kind: "create" })} />
            </>
          )
        }
        getRowId={(row) => row.internalID}
      />
      <ListPagination list={list} page={page} idPrefix="tenants" />
      {dialog?.kind === "create" ? <TenantFormDialog onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === "edit" ? <TenantFormDialog tenant={dialog.tenant} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === "delete" ? <DeleteTenantDialog tenant={dialog.tenant} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
