"use client";

import type { ReactNode } from "react";
import { Breadcrumbs } from "./breadcrumbs";
import { LoadError } from "./load-error";

/**
 * An edit page's trail and heading ("Edit integration system"), then the
 * states of loading its object: a skeleton, the load error, `missing` when it
 * is gone, else `children` with the object (the form).
 */
export function EditStates<T extends { id: string; name: string }>({
  noun,
  list,
  query: { data, loading, error, refetch },
  object,
  missing,
  children,
}: {
  /** As in "Edit application template": lower case. */
  noun: string;
  /** The list the object belongs to; the object's own page is `${list.href}/${id}`. */
  list: { label: string; href: string };
  query: { data?: unknown; loading: boolean; error?: Error; refetch: () => Promise<unknown> };
  object: T | null | undefined;
  missing: ReactNode;
  children: (object: T) => ReactNode;
}) {
  return (
    <>
      <Breadcrumbs trail={[list, ...(object ? [{ label: object.name, href: `${list.href}/${object.id}` }] : []), { label: "Edit" }]} />
      <h1>Edit {noun}</h1>
      {loading && !data ? (
        <div className="card form-card" aria-busy="true">
          <span className="skeleton" />
        </div>
      ) : error ? (
        <LoadError what={`this ${noun}`} error={error} onRetry={() => void refetch()} />
      ) : object ? (
        children(object)
      ) : (
        missing
      )}
    </>
  );
}
