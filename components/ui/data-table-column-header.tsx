"use client";

import type { Column } from "@tanstack/react-table";

/** A header that sorts by its column when the column can be sorted; the arrow shows the direction. */
export function DataTableColumnHeader<TData>({ column, title }: { column: Column<TData, unknown>; title: string }) {
  if (!column.getCanSort()) return <>{title}</>;
  const sorted = column.getIsSorted();
  const next = sorted === "asc" ? "descending" : "ascending";
  return (
    <button type="button" className="sort-button" onClick={() => column.toggleSorting(sorted === "asc")} aria-label={`${title}, sort ${next}`}>
      {title}
      <span aria-hidden="true" className="sort-arrow">
        {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
      </span>
    </button>
  );
}
