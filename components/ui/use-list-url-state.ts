"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { OnChangeFn, SortingState } from "@tanstack/react-table";
import { useCallback, useMemo } from "react";

export const PAGE_SIZES = [10, 25, 50, 100] as const;

export type SortState = { field: string; direction: "ASC" | "DESC" };

export interface ListUrlState {
  search: string;
  sort: SortState | null;
  pageSize: number;
  /** The `after` cursor of every page before the current one, oldest first; the current page's is last. */
  cursors: string[];
  /** The cursor to fetch the current page with (undefined on the first page). */
  after: string | undefined;
}

// Cursors are base64url, which never holds a ".", so a list of them joins safely with one.
const CURSOR_SEPARATOR = ".";

function parse(params: URLSearchParams, sortFields: readonly string[], defaultPageSize: number): ListUrlState {
  const search = params.get("q") ?? "";
  const [field, direction] = (params.get("sort") ?? "").split(":");
  const sort =
    sortFields.includes(field) && (direction === "asc" || direction === "desc") ? { field, direction: direction.toUpperCase() as "ASC" | "DESC" } : null;
  const size = Number(params.get("size"));
  const pageSize = (PAGE_SIZES as readonly number[]).includes(size) ? size : defaultPageSize;
  const cursors = (params.get("page") ?? "").split(CURSOR_SEPARATOR).filter(Boolean);
  return { search, sort, pageSize, cursors, after: cursors.at(-1) };
}

/**
 * A list's search, sort, page size and page live in the URL, so a view can be
 * shared and survives a reload. The page is the trail of cursors that led to
 * it: "previous" drops the last one, which keyset paging cannot otherwise do.
 * Changing search, a filter, sort or size starts again from the first page,
 * because a cursor only continues the query it was made with.
 */
export function useListUrlState(sortFields: readonly string[], defaultPageSize = 25) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => parse(new URLSearchParams(params.toString()), sortFields, defaultPageSize), [params, sortFields, defaultPageSize]);

  const update = useCallback(
    (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(params.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const query = next.toString();
      // Pushed, not replaced: Back and Forward walk through pages, searches and sorts as through any other pages.
      router.push(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );

  return {
    ...state,
    /** A list's own filter beside the search (e.g. the audit log's `object`), read from the URL. */
    filter: useCallback((key: string) => params.get(key) ?? "", [params]),
    // `p` is a page number a list jumped to (integration systems); like the cursor trail, it belongs to one query.
    setFilter: useCallback((key: string, value: string) => update({ p: null, [key]: value.trim() || null, page: null }), [update]),
    setSearch: useCallback((search: string) => update({ q: search.trim() || null, page: null, p: null }), [update]),
    setSort: useCallback((sort: SortState) => update({ sort: `${sort.field}:${sort.direction.toLowerCase()}`, page: null, p: null }), [update]),
    setPageSize: useCallback((size: number) => update({ size: String(size), page: null, p: null }), [update]),
    nextPage: useCallback((endCursor: string) => update({ page: [...state.cursors, endCursor].join(CURSOR_SEPARATOR) }), [update, state.cursors]),
    previousPage: useCallback(() => update({ page: state.cursors.slice(0, -1).join(CURSOR_SEPARATOR) || null }), [update, state.cursors]),
  };
}

/**
 * A server-sorted table's sort as the URL keeps it, and the change that puts
 * a new one there. `columnOf` names the table column of each of the API's
 * order fields; they map one to one.
 */
export function urlSorting<F extends string>(
  list: { sort: SortState | null; setSort: (sort: SortState) => void },
  columnOf: Record<F, string>,
): { sorting: SortingState; onSortingChange: OnChangeFn<SortingState> } {
  const sorting: SortingState = list.sort ? [{ id: columnOf[list.sort.field as F], desc: list.sort.direction === "DESC" }] : [];
  const fieldOf = (column: string) => (Object.keys(columnOf) as F[]).find((field) => columnOf[field] === column);
  return {
    sorting,
    onSortingChange: (updater) => {
      const [next] = typeof updater === "function" ? updater(sorting) : updater;
      const field = next && fieldOf(next.id);
      if (field) list.setSort({ field, direction: next.desc ? "DESC" : "ASC" });
    },
  };
}
