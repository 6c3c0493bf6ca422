"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import type { ColumnDef, SortingState } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { type ReactNode, useMemo, useState } from "react";
import { useCanWrite } from "@/components/console/console-providers";
import { LABEL_FILTER_PARAM, LabelFilterField, filterProblem, labelFilters } from "@/components/labels/label-filter";
import { LabelChips } from "./label-chips";
import { DataTable } from "@/components/ui/data-table";
import { DataTableColumnHeader } from "@/components/ui/data-table-column-header";
import { ListPagination } from "@/components/ui/data-table-pagination";
import { DataTableToolbar } from "@/components/ui/data-table-toolbar";
import { useListUrlState } from "@/components/ui/use-list-url-state";
import type { ConsoleKind, ObjectOnPage, ObjectRow } from "./console-kind";
import { descriptionColumn, editUnregisterColumn, nameLinkColumn } from "./object-columns";
import { type ObjectListDialog, ObjectListDialogs } from "./object-list-dialogs";
import { inTenant } from "./tenant-context";

/** The API's orderings of every kind (ObjectOrderField), in the URL as `sort=NAME:asc`. */
const SORT_FIELDS = ["NAME", "CREATED_AT"] as const;
type SortField = (typeof SORT_FIELDS)[number];
// The table's column ids for them: the shared name column and each kind's "createdAt" column.
const COLUMN_FOR_FIELD: Record<SortField, string> = { NAME: "name", CREATED_AT: "createdAt" };
const FIELD_FOR_COLUMN: Record<string, SortField> = { name: "NAME", createdAt: "CREATED_AT" };

/**
 * A column the server can order by gets a sort button for a header (the
 * table sets aria-sort); every other column cannot be sorted. Sorting is the
 * server's (manual), so the accessor only makes the column sortable.
 */
function sortable<Row extends ObjectRow>(column: ColumnDef<Row>): ColumnDef<Row> {
  if (!column.id || !(column.id in FIELD_FOR_COLUMN)) return { ...column, enableSorting: false };
  const title = typeof column.header === "string" ? column.header : column.id === "name" ? "Name" : "Created";
  const header: ColumnDef<Row>["header"] = ({ column: sorted }) => <DataTableColumnHeader column={sorted} title={title} />;
  return { ...column, accessorFn: (row: Row) => row.id, enableSorting: true, header } as ColumnDef<Row>;
}

/**
 * The labels column every kind's list shows. Phones leave it out: beside the
 * name, a kind's own columns and the row actions it would make the row wider
 * than the screen; the object's page lists its labels.
 */
function labelsColumn<Row extends ObjectRow>(): ColumnDef<Row> {
  return {
    id: "labels",
    header: "Labels",
    meta: { className: "cell-labels", hideOnMobile: true },
    cell: ({ row }) => <LabelChips labels={row.original.labels} />,
  };
}

/**
 * A tenant's objects of one kind: name search, the label filter and the page
 * in the URL, like the integration systems' list. The query is tenant-scoped
 * by header, which Apollo's cache keys cannot see, so it always asks the
 * network rather than risk showing another tenant's cached page.
 */
export function ObjectTable<Row extends ObjectRow, Obj extends ObjectOnPage, ListQuery, DetailQuery, RequestAnswer>({
  kind,
  tenantId,
  writeActions,
}: {
  kind: ConsoleKind<Row, Obj, ListQuery, DetailQuery, RequestAnswer>;
  tenantId: string;
  /** More ways to add one, beside Register, for writers (applications: Register from template). */
  writeActions?: ReactNode;
}) {
  const { kind: noun, plural } = kind;
  const canWrite = useCanWrite();
  const list = useListUrlState(SORT_FIELDS);
  const [dialog, setDialog] = useState<ObjectListDialog<Row>>(null);
  const labelFilter = list.filter(LABEL_FILTER_PARAM);
  const router = useRouter();
  const { data, previousData, loading, error, refetch } = useQuery(kind.documents.list, {
    variables: {
      first: list.pageSize,
      after: list.after,
      search: list.search || undefined,
      filter: labelFilters(labelFilter),
      orderBy: list.sort ? { field: list.sort.field as SortField, direction: list.sort.direction } : undefined,
    },
    context: inTenant(tenantId),
    fetchPolicy: "network-only",
    notifyOnNetworkStatusChange: true,
  });
  const [unregister] = useMutation(kind.documents.unregister, { context: inTenant(tenantId) });
  const refusedFilter = filterProblem(error);
  const loaded = data ?? previousData;
  const page = refusedFilter || !loaded ? undefined : kind.pageOf(loaded as ListQuery);
  const sorting: SortingState = list.sort ? [{ id: COLUMN_FOR_FIELD[list.sort.field as SortField], desc: list.sort.direction === "DESC" }] : [];

  const columns = useMemo<ColumnDef<Row>[]>(
    () =>
      [
        nameLinkColumn<Row>((item) => `/tenants/${tenantId}/${plural}/${item.id}`),
        descriptionColumn<Row>(),
        labelsColumn<Row>(),
        ...kind.columns,
        editUnregisterColumn<Row>(canWrite, (action, item) => setDialog({ kind: action, item })),
      ].map(sortable),
    [canWrite, tenantId, plural, kind.columns],
  );

  return (
    <>
      <DataTableToolbar search={list.search} onSearchChange={list.setSearch} searchLabel={`Search ${plural} by name`} idPrefix={plural}>
        {canWrite ? (
          <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: "register" })}>
            Register {noun}
          </button>
        ) : null}
        {canWrite ? writeActions : null}
      </DataTableToolbar>
      <LabelFilterField value={labelFilter} onChange={(value) => list.setFilter(LABEL_FILTER_PARAM, value)} error={refusedFilter} idPrefix={plural} />
      <DataTable
        caption={plural.charAt(0).toUpperCase() + plural.slice(1)}
        columns={columns}
        data={error ? [] : (page?.data ?? [])}
        loading={loading}
        error={refusedFilter ? null : error}
        onRetry={() => void refetch()}
        empty={
          refusedFilter ? (
            <p>Correct the label filter to see {plural}.</p>
          ) : list.search || labelFilter ? (
            <p>
              No {noun} matches {[list.search && `“${list.search}”`, labelFilter && `the label filter “${labelFilter}”`].filter(Boolean).join(" and ")}.
            </p>
          ) : (
            <p>{kind.emptyHint}</p>
          )
        }
        getRowId={(row) => row.id}
        sorting={sorting}
        onSortingChange={(updater) => {
          const next = typeof updater === "function" ? updater(sorting) : updater;
          if (next[0]) list.setSort({ field: FIELD_FOR_COLUMN[next[0].id], direction: next[0].desc ? "DESC" : "ASC" });
        }}
      />
      <ListPagination list={list} page={page} idPrefix={plural} />
      <ObjectListDialogs
        kind={noun}
        dialog={dialog}
        formDialog={(item) =>
          kind.formDialog({
            tenantId,
            object: item,
            onClose: () => setDialog(null),
            // A new one's page is the next step (labels, credentials); an edit stays on the list.
            onSaved: (id) => (item ? void refetch() : router.push(`/tenants/${tenantId}/${plural}/${id}`)),
          })
        }
        unregister={(item) => unregister({ variables: { id: item.id } })}
        unregisterDescription={kind.unregisterFromList}
        onClose={() => setDialog(null)}
        onChanged={() => refetch()}
      />
    </>
  );
}
