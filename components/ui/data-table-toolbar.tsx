"use client";

import { type ReactNode, useEffect, useRef, useState } from "react";
import { plural } from "@/lib/text";

export const SEARCH_DEBOUNCE_MS = 300;

/**
 * The search box above a table. It reports what was typed only after the user
 * pauses, so each keystroke does not cost a request.
 */
export function DataTableToolbar({
  search,
  onSearchChange,
  searchLabel,
  idPrefix,
  children,
}: {
  search: string;
  onSearchChange: (search: string) => void;
  searchLabel: string;
  idPrefix: string;
  /** Actions on the right, such as "Create". */
  children?: ReactNode;
}) {
  const [text, setText] = useState(search);
  const reported = useRef(search);

  // The URL can change the search too (back button): follow it.
  useEffect(() => {
    if (search !== reported.current) {
      reported.current = search;
      setText(search);
    }
  }, [search]);

  useEffect(() => {
    if (text === reported.current) return;
    const timer = setTimeout(() => {
      reported.current = text;
      onSearchChange(text);
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, onSearchChange]);

  return (
    <div className="toolbar" data-no-unsaved-work>
      <div className="search">
        <label htmlFor={`${idPrefix}-search`} className="sr-only">
          {searchLabel}
        </label>
        <input id={`${idPrefix}-search`} type="search" placeholder={searchLabel} value={text} onChange={(event) => setText(event.target.value)} />
      </div>
      <div className="toolbar-actions">{children}</div>
    </div>
  );
}

/** A list's toolbar without search: how many it holds, said once loaded and announced politely, and the list's actions. */
export function CountToolbar({ count, noun, children }: { count: number | undefined; noun: string; children: ReactNode }) {
  return (
    <div className="toolbar">
      <span className="muted" aria-live="polite">
        {count === undefined ? null : plural(count, noun)}
      </span>
      <div className="toolbar-actions">{children}</div>
    </div>
  );
}
