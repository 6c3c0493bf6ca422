"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useCanWrite } from "@/components/console/console-providers";
import { LABEL_FILTER_PARAM, LabelFilterField, filterProblem, labelFilters } from "@/components/labels/label-filter";
import { DataTable } from "@/components/ui/data-table";
import { ListPagination } from "@/components/ui/data-table-pagination";
import { DataTableToolbar } from "@/components/ui/data-table-toolbar";
import { useListUrlState } from "@/components/ui/use-list-url-state";
import type { ConsoleKind, ObjectOnPage, ObjectRow } from "./console-kind";
import { descriptionColumn, editUnregisterColumn, nameLinkColumn } from "./object-columns";
import { type ObjectListDialog, ObjectListDialogs } from "./object-list-dialogs";
import { inTenant } from "./tenant-context";

const NO_SORT_FIELDS: readonly string[] = [];

/**
 * A tenant's objects of one kind: name search, the label filter and the page
 * in the URL, like the integration systems' list. The query is tenant-scoped
 * by header, which Apollo's cache keys cannot see, so it always asks the
 * network rather than risk showing another tenant's cached page.
 */
export function ObjectTable<Row extends ObjectRow, Obj extends ObjectOnPage, ListQuery, DetailQuery, RequestAnswer>({
  kind,
  tenantId,
}: {
  kind: ConsoleKind<Row, Obj, ListQuery, DetailQuery, RequestAnswer>;
  tenantId: string;
}) {
  const { kind: noun, plural } = kind;
  const canWrite = useCanWrite();
  const list = useListUrlState(NO_SORT_FIELDS);
  const [dialog, setDialog] = useState<ObjectListDialog<Row>>(null);
  const labelFilter = list.filter(LABEL_FILTER_PARAM);
  const router = useRouter();
  const { data, previousData, loading, error, refetch } = useQuery(kind.documents.list, {
    variables: { first: list.pageSize, after: list.after, search: list.search || undefined, filter: labelFilters(labelFilter) },
    context: inTenant(tenantId),
    fetchPolicy: "network-only",
    notifyOnNetworkStatusChange: true,
  });
  const [unregister] = useMutation(kind.documents.unregister, { context: inTenant(tenantId) });
  const refusedFilter = filterProblem(error);
  const loaded = data ?? previousData;
  const page = refusedFilter || !loaded ? undefined : kind.pageOf(loaded as ListQuery);

  const columns = useMemo<ColumnDef<Row>[]>(
    () => [
      nameLinkColumn<Row>((item) => `/tenants/${tenantId}/${plural}/${item.id}`),
      descriptionColumn<Row>(),
      ...kind.columns,
      editUnregisterColumn<Row>(canWrite, (action, item) => setDialog({ kind: action, item })),
    ],
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
        onChanged={() => void refetch()}
      />
    </>
  );
}
