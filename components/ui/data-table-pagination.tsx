"use client";

export const PAGE_SIZES = [10, 25, 50, 100] as const;

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
    <nav className="pagination" aria-label="Pagination">
      <div className="page-size">
        <label htmlFor={`${idPrefix}-page-size`}>Rows per page</label>
        <select id={`${idPrefix}-page-size`} value={pageSize} onChange={(event) => onPageSizeChange(Number(event.target.value))}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
      <span className="page-status" aria-live="polite">
        Page {pageIndex + 1}
        {pageCount === null ? "" : ` of ${pageCount}`}
        {totalCount === null ? "" : ` · ${totalCount} in all`}
      </span>
      <div className="page-buttons">
        <button type="button" className="btn btn-secondary" onClick={onPrevious} disabled={!hasPrevious}>
          Previous
        </button>
        <button type="button" className="btn btn-secondary" onClick={onNext} disabled={!hasNext}>
          Next
        </button>
      </div>
    </nav>
  );
}
