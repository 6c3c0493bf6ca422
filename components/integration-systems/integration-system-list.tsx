"use client";

import { useQuery } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { useCanWrite } from "@/components/console/console-providers";
import { WriteAction } from "@/components/console/write-action";
import { DataTable, queryRows } from "@/components/ui/data-table";
import { actionsColumn, createdColumn, lastUsedColumn, sortable } from "@/components/ui/data-table-columns";
import { expiryState } from "@/lib/credential-rules";
import { plural } from "@/lib/text";
import { PageJump, usePageNumber } from "./page-jump";
import { DataTableToolbar } from "@/components/ui/data-table-toolbar";
import { urlSorting, useListUrlState } from "@/components/ui/use-list-url-state";
import { DeleteIntegrationSystemDialog } from "./delete-integration-system-dialog";
import { IntegrationSystemListDocument, type IntegrationSystemListQuery } from "./integration-systems.generated";

type Row = IntegrationSystemListQuery["integrationSystems"]["data"][number];

const SORT_FIELDS = ["NAME", "CREATED_AT"] as const;
// Table column ids are the API's order fields, so sorting maps one to one.
const COLUMN_FOR_FIELD = { NAME: "name", CREATED_AT: "createdAt" } as const;

const FILTERS = [
  { value: "NO_CREDENTIALS", label: "Without credentials" },
  { value: "EXPIRING_SOON", label: "Credentials expiring soon" },
  { value: "NEVER_USED", label: "Never used" },
] as const;

/** The name, with a mark when a credential has expired or expires within 7 days. */
function NameCell({ system }: { system: Row }) {
  const states = system.auths.map((auth) => expiryState(auth.expiresAt));
  const expired = states.filter((state) => state === "expired").length;
  const expiring = states.filter((state) => state === "expiring").length;
  return (
    <span className="expiry-cell">
      <Link className="row-title" href={`/integration-systems/${system.id}`}>
        {system.name}
      </Link>
      {expired ? <span className="badge badge-danger">{plural(expired, "credential")} expired</span> : null}
      {expiring ? <span className="badge badge-warning">{plural(expiring, "credential")} expiring soon</span> : null}
    </span>
  );
}

/** Integration systems, a page at a time, with search, filter, sort and page kept in the URL. */
export function IntegrationSystemList() {
  const canWrite = useCanWrite();
  const list = useListUrlState(SORT_FIELDS);
  const filter = FILTERS.find((choice) => choice.value === list.filter("filter"))?.value;
  const paging = usePageNumber(list);
  const [deleting, setDeleting] = useState<{ id: string; name: string; credentialCount: number } | null>(null);
  const { data, previousData, loading, error, refetch } = useQuery(IntegrationSystemListDocument, {
    variables: {
      first: list.pageSize,
      ...paging.variables,
      search: list.search || undefined,
      filter,
      orderBy: list.sort ? { field: list.sort.field as (typeof SORT_FIELDS)[number], direction: list.sort.direction } : undefined,
    },
    notifyOnNetworkStatusChange: true,
  });
  // Keep the previous page on screen while the next one loads, instead of flashing the skeleton.
  const page = (data ?? previousData)?.integrationSystems;

  const columns = useMemo<ColumnDef<Row>[]>(
    () => [
      sortable<Row>({ id: "name", cell: ({ row }) => <NameCell system={row.original} /> }, "Name"),
      {
        id: "description",
        accessorKey: "description",
        enableSorting: false,
        header: "Description",
        meta: { hideOnMobile: true, className: "cell-truncate cell-truncate-narrow" },
        cell: ({ row }) =>
          row.original.description ? <span title={row.original.description}>{row.original.description}</span> : <span className="muted">—</span>,
      },
      {
        id: "credentials",
        enableSorting: false,
        header: "Credentials",
        meta: { className: "cell-number", hideOnMobile: true },
        cell: ({ row }) => row.original.auths.length,
      },
      { ...lastUsedColumn<Row>(), meta: { hideOnMobile: true } },
      sortable(createdColumn<Row>(), "Created"),
      actionsColumn<Row>((system) => (
        <div className="row-actions">
          <Link className="btn btn-ghost btn-small action-open" href={`/integration-systems/${system.id}`} aria-label={`Open ${system.name}`}>
            Open
          </Link>
          {canWrite ? (
            <>
              <Link className="btn btn-ghost btn-small" href={`/integration-systems/${system.id}/edit`} aria-label={`Edit ${system.name}`}>
                Edit
              </Link>
              <button
                type="button"
                className="btn btn-ghost btn-small btn-danger-text"
                aria-label={`Delete ${system.name}`}
                onClick={() => setDeleting({ id: system.id, name: system.name, credentialCount: system.auths.length })}
              >
                Delete
              </button>
            </>
          ) : null}
        </div>
      )),
    ],
    [canWrite],
  );

  const emptyState =
    list.search || filter ? (
      <p>
        No integration system matches
        {list.search ? ` “${list.search}”` : ""}
        {filter ? `${list.search ? " and" : ""} the filter “${FILTERS.find((choice) => choice.value === filter)!.label}”` : ""}.
      </p>
    ) : (
      <>
        <p>
          <strong>No integration systems yet.</strong> Register the first machine client that will call the API.
        </p>
        <WriteAction label="Create integration system" href="/integration-systems/new" />
      </>
    );

  return (
    <>
      <DataTableToolbar search={list.search} onSearchChange={list.setSearch} searchLabel="Search by name, description or client ID" idPrefix="systems">
        <div className="filter-select">
          <label htmlFor="systems-filter" className="sr-only">
            Show
          </label>
          <select id="systems-filter" value={filter ?? ""} onChange={(event) => list.setFilter("filter", event.target.value)}>
            <option value="">All systems</option>
            {FILTERS.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
        <WriteAction label="Create integration system" href="/integration-systems/new" />
      </DataTableToolbar>
      <DataTable
        caption="Integration systems"
        columns={columns}
        {...queryRows({ loading, error, refetch }, page?.data)}
        empty={emptyState}
        {...urlSorting(list, COLUMN_FOR_FIELD)}
        getRowId={(row) => row.id}
      />
      <PageJump list={list} paging={paging} page={page} idPrefix="systems" />
      {deleting ? <DeleteIntegrationSystemDialog system={deleting} open onOpenChange={(open) => !open && setDeleting(null)} /> : null}
    </>
  );
}
