"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { useCanWrite } from "@/components/console/console-providers";
import { DataTable } from "@/components/ui/data-table";
import { DataTablePagination } from "@/components/ui/data-table-pagination";
import { PAGE_SIZES } from "@/components/ui/use-list-url-state";
import type { ChildConsoleKind } from "./console-kind";
import { editUnregisterColumn } from "./object-columns";
import { type ObjectListDialog, ObjectListDialogs } from "./object-list-dialogs";
import { inTenant } from "./tenant-context";
import { PageSection } from "@/components/ui/page-section";

/** One of the pager's sizes: a size it does not offer would show as another in its select. */
const PAGE_SIZE = PAGE_SIZES[1];

/**
 * What lives under an object, of one child kind, as a section of the
 * object's page: a table a page at a time, Add, and each row's Edit and
 * Remove, with the same table, dialogs and row actions as a tenant's lists.
 * Its pages are kept here rather than in the URL, which belongs to the page.
 */
export function ObjectChildren<Row extends { id: string }, ListQuery>({
  kind,
  tenantId,
  parentId,
}: {
  kind: ChildConsoleKind<Row, ListQuery>;
  tenantId: string;
  parentId: string;
}) {
  const canWrite = useCanWrite();
  const [cursors, setCursors] = useState<string[]>([]);
  const [pageSize, setPageSize] = useState<number>(PAGE_SIZE);
  const [dialog, setDialog] = useState<ObjectListDialog<Row & { name: string }>>(null);
  const { data, previousData, loading, error, refetch } = useQuery(kind.documents.list, {
    variables: { parentId, first: pageSize, after: cursors.at(-1) ?? null },
    context: inTenant(tenantId),
    fetchPolicy: "network-only",
    notifyOnNetworkStatusChange: true,
  });
  const [unregister] = useMutation(kind.documents.unregister, { context: inTenant(tenantId) });
  const loaded = (data ?? previousData) as ListQuery | undefined;
  const page = loaded ? kind.pageOf(loaded) : undefined;
  const rows = useMemo(() => (page?.data ?? []).map((row) => ({ ...row, name: kind.nameOf(row) })), [page, kind]);
  // The pager only when there is more than one page to show or a smaller size to choose: a short list reads like the page's other sections.
  const paged = cursors.length > 0 || !!page?.pageInfo.hasNextPage || (page?.totalCount ?? 0) > PAGE_SIZES[0] || pageSize !== PAGE_SIZE;

  const columns = useMemo<ColumnDef<Row & { name: string }>[]>(
    () => [
      ...(kind.columns as ColumnDef<Row & { name: string }>[]),
      editUnregisterColumn<Row & { name: string }>(canWrite, (action, item) => setDialog({ kind: action, item }), "Remove"),
    ],
    [canWrite, kind.columns],
  );

  const form = (item: Row | undefined) => kind.formDialog({ tenantId, parentId, object: item, onClose: () => setDialog(null), onSaved: () => void refetch() });

  return (
    <PageSection id={kind.plural} title={kind.title} action={canWrite ? { label: `Add ${kind.kind}`, onClick: () => setDialog({ kind: "register" }) } : null}>
      <p className="lead">{kind.lead}</p>
      <DataTable
        caption={kind.title}
        columns={columns}
        data={error ? [] : rows}
        loading={loading}
        error={error}
        onRetry={() => void refetch()}
        empty={<p>{kind.emptyHint}</p>}
        getRowId={(row) => row.id}
      />
      {paged ? (
        <DataTablePagination
          idPrefix={kind.plural}
          pageIndex={cursors.length}
          pageSize={pageSize}
          totalCount={page?.totalCount ?? null}
          hasPrevious={cursors.length > 0}
          hasNext={!!page?.pageInfo.hasNextPage}
          onPrevious={() => setCursors((current) => current.slice(0, -1))}
          onNext={() => page && setCursors((current) => [...current, page.pageInfo.endCursor])}
          onPageSizeChange={(size) => {
            setPageSize(size);
            setCursors([]);
          }}
        />
      ) : null}
      <ObjectListDialogs
        kind={kind.kind}
        dialog={dialog}
        formDialog={form}
        unregister={(item) => unregister({ variables: { id: item.id } })}
        unregisterDescription={kind.unregisterDescription}
        onClose={() => setDialog(null)}
        onChanged={() => refetch()}
        removeVerb="Remove"
      />
    </PageSection>
  );
}
