"use client";

import { type ColumnDef, type OnChangeFn, type SortingState, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { ProblemNotice } from "@/components/console/problem-notice";

/** Column meta the table reads: which columns hide on narrow screens. */
declare module "@tanstack/react-table" {
  interface ColumnMeta<TData, TValue> {
    /** Hidden below 640 px, where only the essentials fit. */
    hideOnMobile?: boolean;
    className?: string;
  }
}

const SKELETON_ROWS = 5;

/**
 * The one table of the console. Paging and sorting happen on the server
 * (keyset cursors), so the table is "manual": it renders what it is given and
 * reports sort changes. It owns the loading, error and empty states so every
 * list behaves alike.
 */
export function DataTable<TData>({
  caption,
  columns,
  data,
  loading,
  error,
  onRetry,
  empty,
  sorting,
  onSortingChange,
  getRowId,
}: {
  /** Read by screen readers; also names the table for tests. */
  caption: string;
  columns: ColumnDef<TData, any>[];
  data: TData[];
  loading: boolean;
  error?: Error | null;
  onRetry?: () => void;
  /** Shown when there are no rows (and no error). */
  empty: ReactNode;
  sorting?: SortingState;
  onSortingChange?: OnChangeFn<SortingState>;
  getRowId?: (row: TData) => string;
}) {
  const table = useReactTable({
    data,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    state: { sorting: sorting ?? [] },
    onSortingChange,
    getRowId,
  });
  const columnCount = table.getVisibleLeafColumns().length;
  const cellClass = (meta: { hideOnMobile?: boolean; className?: string } | undefined) =>
    [meta?.hideOnMobile ? "hide-mobile" : "", meta?.className ?? ""].join(" ").trim() || undefined;

  let body: ReactNode;
  if (error) {
    body = (
      <tr>
        <td colSpan={columnCount}>
          <ProblemNotice className="table-state" what="Could not load this list" error={error} onRetry={onRetry} />
        </td>
      </tr>
    );
  } else if (loading && data.length === 0) {
    body = Array.from({ length: SKELETON_ROWS }, (_, row) => (
      <tr key={row} aria-hidden="true">
        {table.getVisibleLeafColumns().map((column) => (
          <td key={column.id} className={cellClass(column.columnDef.meta)}>
            <span className="skeleton" />
          </td>
        ))}
      </tr>
    ));
  } else if (data.length === 0) {
    body = (
      <tr>
        <td colSpan={columnCount}>
          <div className="table-state">{empty}</div>
        </td>
      </tr>
    );
  } else {
    body = table.getRowModel().rows.map((row) => (
      <tr key={row.id}>
        {row.getVisibleCells().map((cell) => (
          <td key={cell.id} className={cellClass(cell.column.columnDef.meta)}>
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
          </td>
        ))}
      </tr>
    ));
  }

  return (
    // While the next page loads, the rows on screen are the old page's: dimmed, so "Page 2" never sits over page 1 as if it were it.
    <div className={loading && data.length > 0 ? "table-wrap table-wrap-stale" : "table-wrap"} aria-busy={loading}>
      <table className="data-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th
                  key={header.id}
                  scope="col"
                  className={cellClass(header.column.columnDef.meta)}
                  aria-sort={header.column.getIsSorted() === "asc" ? "ascending" : header.column.getIsSorted() === "desc" ? "descending" : undefined}
                >
                  {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>{body}</tbody>
      </table>
    </div>
  );
}

/** What a table shows of the query behind it: its rows, loading and error states, and a retry. */
export type QueryRows<TData> = { data: TData[]; loading: boolean; error?: Error | null; onRetry: () => void };

/** A table's rows and states from the query behind it: no rows after an error, which the table shows instead, with a retry. */
export function queryRows<TData>(
  { loading, error, refetch }: { loading: boolean; error?: Error | null; refetch: () => Promise<unknown> },
  rows: TData[] | undefined,
): QueryRows<TData> {
  return { data: error ? [] : (rows ?? []), loading, error, onRetry: () => void refetch() };
}
