"use client";

import { type ListUrlState, PAGE_SIZES } from "./use-list-url-state";

/** After moving to another page the view starts at its top, not at the pager where the click was. */
export const toTop = (go: () => void) => () => {
  go();
  window.scrollTo({ top: 0 });
};

/** How many rows a page shows; a change starts the list again from its first page. */
export function PageSizeSelect({ idPrefix, pageSize, onChange }: { idPrefix: string; pageSize: number; onChange: (size: number) => void }) {
  return (
    <div className="page-size">
      <label htmlFor={`${idPrefix}-page-size`}>Rows per page</label>
      <select id={`${idPrefix}-page-size`} value={pageSize} onChange={(event) => onChange(Number(event.target.value))}>
        {PAGE_SIZES.map((size) => (
          <option key={size} value={size}>
            {size}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Cursor paging: the server only knows "the page after this cursor", so the
 * controls are previous/next plus a page size, and the page number is how
 * many cursors deep we are.
 */
export function DataTablePagination({
  pageIndex,
  pageSize,
  totalCount,
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
  onPageSizeChange,
  idPrefix,
}: {
  pageIndex: number;
  pageSize: number;
  totalCount: number | null;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  onPageSizeChange: (size: number) => void;
  idPrefix: string;
}) {
  const pageCount = totalCount === null ? null : Math.max(1, Math.ceil(totalCount / pageSize));
  return (
    <nav className="pagination" aria-label="Pagination" data-no-unsaved-work>
      <PageSizeSelect idPrefix={idPrefix} pageSize={pageSize} onChange={onPageSizeChange} />
      <span className="page-status" aria-live="polite">
        Page {pageIndex + 1}
        {pageCount === null ? "" : ` of ${pageCount}`}
        {totalCount === null ? "" : ` · ${totalCount} in all`}
      </span>
      <div className="page-buttons">
        <button type="button" className="btn btn-secondary" onClick={toTop(onPrevious)} disabled={!hasPrevious}>
          Previous
        </button>
        <button type="button" className="btn btn-secondary" onClick={toTop(onNext)} disabled={!hasNext}>
          Next
        </button>
      </div>
    </nav>
  );
}

/** A keyset-paged query's answer, as far as paging cares. */
interface CursorPage {
  totalCount: number;
  pageInfo: { endCursor: string; hasNextPage: boolean };
}

type UrlList = Pick<ListUrlState, "cursors" | "pageSize"> & {
  nextPage: (endCursor: string) => void;
  previousPage: () => void;
  setPageSize: (size: number) => void;
};

/** Pagination for a list whose page lives in the URL (`useListUrlState`): the page number is how many cursors deep it is. */
export function ListPagination({ list, page, idPrefix }: { list: UrlList; page: CursorPage | null | undefined; idPrefix: string }) {
  return (
    <DataTablePagination
      idPrefix={idPrefix}
      pageIndex={list.cursors.length}
      pageSize={list.pageSize}
      totalCount={page?.totalCount ?? null}
      hasPrevious={list.cursors.length > 0}
      hasNext={!!page?.pageInfo.hasNextPage}
      onPrevious={list.previousPage}
      onNext={() => page && list.nextPage(page.pageInfo.endCursor)}
      onPageSizeChange={list.setPageSize}
    />
  );
}
