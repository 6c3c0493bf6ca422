"use client";

import { useQuery } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { useCanWrite } from "../console/console-providers";
import { DataTable } from "../ui/data-table";
import { actionsColumn, createdColumn } from "../ui/data-table-columns";
import { ListPagination } from "../ui/data-table-pagination";
import { RowActions } from "../ui/row-actions";
import { useListUrlState } from "../ui/use-list-url-state";
import { DeleteTenantDialog } from "./delete-tenant-dialog";
import { TenantFormDialog } from "./tenant-form-dialog";
import { TenantListDocument, type TenantListQuery } from "./tenants.generated";

type Tenant = TenantListQuery["tenants"]["data"][number];

const NO_SORT_FIELDS: readonly string[] = [];

/** Tenants, a page at a time (oldest first, as the API orders them), with the page kept in the URL. */
export function TenantList() {
  const canWrite = useCanWrite();
  const list = useListUrlState(NO_SORT_FIELDS);
  const [dialog, setDialog] = useState<{ kind: "create" } | { kind: "edit" | "delete"; tenant: Tenant } | null>(null);
  const { data, previousData, loading, error, refetch } = useQuery(TenantListDocument, {
    variables: { first: list.pageSize, after: list.after },
    notifyOnNetworkStatusChange: true,
  });
  const page = (data ?? previousData)?.tenants;

  const columns = useMemo<ColumnDef<Tenant>[]>(
    () => [
      {
        id: "name",
        header: "Name",
        cell: ({ row }) => (
          <Link className="row-title" href={`/tenants/${row.original.id}`}>
            {row.original.name}
          </Link>
        ),
      },
      { id: "externalId", header: "External id", cell: ({ row }) => <code>{row.original.externalId}</code> },
      createdColumn<Tenant>(),
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
      {canWrite ? (
        <div className="toolbar">
          <span />
          <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: "create" })}>
            Create tenant
          </button>
        </div>
      ) : null}
      <DataTable
        caption="Tenants"
        columns={columns}
        data={error ? [] : (page?.data ?? [])}
        loading={loading}
        error={error}
        onRetry={() => void refetch()}
        empty={
          <>
            <p>
              <strong>No tenants yet.</strong> Applications live in tenants; create one for each customer.
            </p>
            {canWrite ? (
              <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: "create" })}>
                Create tenant
              </button>
            ) : null}
          </>
        }
        getRowId={(row) => row.id}
      />
      <ListPagination list={list} page={page} idPrefix="tenants" />
      {dialog?.kind === "create" ? <TenantFormDialog onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === "edit" ? <TenantFormDialog tenant={dialog.tenant} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === "delete" ? <DeleteTenantDialog tenant={dialog.tenant} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
