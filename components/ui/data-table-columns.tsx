"use client";

import type { ColumnDef } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { DataTableColumnHeader } from "./data-table-column-header";
import { Timestamp } from "./timestamp";

/** Columns every table has in some form, so each shows times and actions alike. */

/** A creation or registration time, as a date; hidden on phones, where the name matters more. */
export function createdColumn<T extends { createdAt: string }>(header = "Created"): ColumnDef<T> {
  return {
    id: "createdAt",
    header,
    meta: { hideOnMobile: true },
    cell: ({ row }) => <Timestamp iso={row.original.createdAt} />,
  };
}

/** A column the server sorts by: its header is the sort button, and its id names the row's field it sorts on. */
export function sortable<T>(column: ColumnDef<T>, title: string): ColumnDef<T> {
  return { ...column, accessorKey: column.id, header: ({ column: sorted }) => <DataTableColumnHeader column={sorted} title={title} /> } as ColumnDef<T>;
}

/** When a credential or token was last used: "3 hours ago", the full time on hover, or "Never". */
export function lastUsedColumn<T extends { lastUsedAt: string | null }>(now?: number): ColumnDef<T> {
  return {
    id: "lastUsedAt",
    header: "Last used",
    cell: ({ row }) => (row.original.lastUsedAt ? <Timestamp iso={row.original.lastUsedAt} relative now={now} /> : <span className="muted">Never</span>),
  };
}

/** The buttons at the end of a row, under a header only screen readers hear. */
export function actionsColumn<T>(cell: (row: T) => ReactNode): ColumnDef<T> {
  return {
    id: "actions",
    enableSorting: false,
    header: () => <span className="sr-only">Actions</span>,
    meta: { className: "cell-actions" },
    cell: ({ row }) => cell(row.original),
  };
}

/**
 * A row's first column: its title on the main line, quieter lines under it
 * (cell-stack), among them on phones what the columns hidden there show.
 */
export function titleColumn<T>(id: string, header: string, cell: (row: T) => ReactNode): ColumnDef<T> {
  return { id, header, meta: { className: "cell-stack" }, cell: ({ row }) => cell(row.original) };
}
