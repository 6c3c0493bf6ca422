"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { actionsColumn } from "@/components/ui/data-table-columns";
import { RowActions } from "@/components/ui/row-actions";
import type { RemoveVerb } from "./unregister-dialog";

/** Columns an application's and a runtime's table share. */

/** The name, linking to the object's page. */
export function nameLinkColumn<T extends { id: string; name: string }>(hrefOf: (item: T) => string): ColumnDef<T> {
  return {
    id: "name",
    header: "Name",
    cell: ({ row }) => (
      <Link className="row-name" href={hrefOf(row.original)}>
        {row.original.name}
      </Link>
    ),
  };
}

/** The description, cut to one line with the whole on hover; hidden on phones. */
export function descriptionColumn<T extends { description?: string | null }>(): ColumnDef<T> {
  return {
    id: "description",
    header: "Description",
    meta: { hideOnMobile: true, className: "cell-truncate" },
    cell: ({ row }) => (row.original.description ? <span title={row.original.description}>{row.original.description}</span> : <span className="muted">—</span>),
  };
}

/** Edit and Unregister (or Remove) at the end of a row, for those who may write. */
export function editUnregisterColumn<T extends { name: string }>(
  canWrite: boolean,
  open: (kind: "edit" | "unregister", item: T) => void,
  removeVerb: RemoveVerb = "Unregister",
): ColumnDef<T> {
  return actionsColumn<T>((item) =>
    canWrite ? (
      <RowActions
        name={item.name}
        actions={[
          { label: "Edit", onClick: () => open("edit", item) },
          { label: removeVerb, danger: true, onClick: () => open("unregister", item) },
        ]}
      />
    ) : null,
  );
}
