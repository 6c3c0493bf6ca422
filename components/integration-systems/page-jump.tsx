"use client";

import { PageSizeSelect, toTop } from "@/components/ui/data-table-pagination";
import { type FormEvent, useState } from "react";

/** How far the server walks keys for a page number (MAX_SKIP_PAGES in the API): pages 1 to 51 are reachable by number. */
const MAX_SKIP_PAGES = 50;

interface List {
  cursors: string[];
  after: string | undefined;
  pageSize: number;
  filter: (key: string) => string;
  setFilter: (key: string, value: string) => void;
  nextPage: (endCursor: string) => void;
  previousPage: () => void;
  setPageSize: (size: number) => void;
}

interface Page {
  totalCount: number;
  pageInfo: { endCursor: string; hasNextPage: boolean };
}

/**
 * The page a list shows, as the URL keeps it: `p` is the page jumped to (a
 * number, or "last"), and the cursor trail counts the pages walked on from
 * there with Next. Jumps use the API's `skipPages` and `last`; see
 * docs/decisions/0013-page-numbers-over-keyset-paging.md.
 */
export function usePageNumber(list: List) {
  const raw = list.filter("p");
  const jumped: number | "last" =
    raw === "last" ? "last" : Number.isInteger(Number(raw)) && Number(raw) >= 2 && Number(raw) <= MAX_SKIP_PAGES + 1 ? Number(raw) : 1;
  let variables: { after?: string; skipPages?: number; last?: boolean };
  if (list.after) variables = { after: list.after };
  else if (jumped === "last") variables = { last: true };
  else variables = jumped > 1 ? { skipPages: jumped - 1 } : {};
  return { jumped, variables };
}

export function PageJump({
  list,
  paging,
  page,
  idPrefix,
}: {
  list: List;
  paging: ReturnType<typeof usePageNumber>;
  page: Page | null | undefined;
  idPrefix: string;
}) {
  const pageCount = page ? Math.max(1, Math.ceil(page.totalCount / list.pageSize)) : null;
  const base = paging.jumped === "last" ? pageCount : paging.jumped;
  const current = base === null ? null : base + list.cursors.length;
  const [typed, setTyped] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const reachable = (number: number) => number <= MAX_SKIP_PAGES + 1 || number === pageCount;

  function go(number: number) {
    setProblem(null);
    if (number <= 1) list.setFilter("p", "");
    else if (number === pageCount) list.setFilter("p", "last");
    else list.setFilter("p", String(number));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const number = Number(typed);
    if (!Number.isInteger(number) || number < 1 || (pageCount !== null && number > pageCount)) {
      setProblem(`Enter a page from 1 to ${pageCount ?? 1}`);
      return;
    }
    if (!reachable(number)) {
      setProblem(`Pages 1 to ${MAX_SKIP_PAGES + 1} and the last can be opened by number; narrow the list or show more rows per page`);
      return;
    }
    setTyped("");
    go(number);
  }

  const hasPrevious = current !== null && current > 1 && (list.cursors.length > 0 || reachable(current - 1));
  const previous = () => (list.cursors.length > 0 ? list.previousPage() : current !== null && go(current - 1));
  const hasNext = !!page?.pageInfo.hasNextPage;

  return (
    <nav className="pagination" aria-label="Pagination" data-no-unsaved-work>
      <PageSizeSelect idPrefix={idPrefix} pageSize={list.pageSize} onChange={list.setPageSize} />
      <span className="page-status" aria-live="polite">
        Page {current ?? "…"}
        {pageCount === null ? "" : ` of ${pageCount}`}
        {page ? ` · ${page.totalCount} in all` : ""}
      </span>
      <form className="page-jump" onSubmit={submit}>
        <label htmlFor={`${idPrefix}-page-number`} className="sr-only">
          Go to page
        </label>
        <input
          id={`${idPrefix}-page-number`}
          inputMode="numeric"
          placeholder="Page"
          value={typed}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${idPrefix}-page-problem` : undefined}
          onChange={(event) => setTyped(event.target.value)}
        />
        <button type="submit" className="btn btn-secondary">
          Go
        </button>
        {problem ? (
          <span id={`${idPrefix}-page-problem`} className="field-error" role="alert">
            {problem}
          </span>
        ) : null}
      </form>
      <div className="page-buttons">
        <button type="button" className="btn btn-secondary" onClick={toTop(() => go(1))} disabled={current === 1 || current === null} aria-label="First page">
          First
        </button>
        <button type="button" className="btn btn-secondary" onClick={toTop(previous)} disabled={!hasPrevious}>
          Previous
        </button>
        <button type="button" className="btn btn-secondary" onClick={toTop(() => page && list.nextPage(page.pageInfo.endCursor))} disabled={!hasNext}>
          Next
        </button>
        <button type="button" className="btn btn-secondary" onClick={toTop(() => list.setFilter("p", "last"))} disabled={!hasNext} aria-label="Last page">
          Last
        </button>
      </div>
    </nav>
  );
}
