"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { Breadcrumbs } from "./breadcrumbs";
import { LoadError } from "./load-error";

type Crumb = { label: string; href?: string };

/**
 * The loading, error and not-found states every object's page shares (a
 * tenant, an integration system, an application, a runtime), each under the
 * page's breadcrumbs; `children` renders the object once it is there, under
 * `trail` and its name. While loading, the trail shows its first crumb only:
 * the others may need the answer.
 */
export function DetailStates<T extends { name: string }>({
  noun,
  trail,
  query: { data, loading, error, refetch },
  object,
  gone = "deleted",
  back = { href: trail[0].href ?? "/", label: `Back to ${trail[0].label.toLowerCase()}` },
  skeleton = <span className="skeleton" />,
  children,
}: {
  /** What the page shows, as in "Loading runtime": lower case. */
  noun: string;
  trail: Crumb[];
  /** The page's query: loading until its first answer, then its error or `object`. */
  query: { data?: unknown; loading: boolean; error?: Error; refetch: () => Promise<unknown> };
  object: T | null | undefined;
  /** What may have happened to a missing object: "It may have been deleted, or the link is wrong." */
  gone?: string;
  /** The not-found page's way back; by default to the first crumb's list ("Back to tenants"). */
  back?: { href: string; label: string };
  skeleton?: ReactNode;
  children: (object: T) => ReactNode;
}) {
  const title = noun[0].toUpperCase() + noun.slice(1);
  if (loading && !data)
    return (
      <>
        <Breadcrumbs trail={[...trail.slice(0, 1), { label: "Loading…" }]} />
        <div className="card" role="status" aria-busy="true" aria-label={`Loading ${noun}`}>
          {skeleton}
        </div>
      </>
    );
  if (error)
    return (
      <>
        <Breadcrumbs trail={[...trail, { label: title }]} />
        <LoadError what={`this ${noun}`} error={error} onRetry={() => void refetch()} />
      </>
    );
  if (!object)
    return (
      <>
        <Breadcrumbs trail={[...trail, { label: "Not found" }]} />
        <div className="card" role="alert">
          <h1>{title} not found</h1>
          <p className="lead">It may have been {gone}, or the link is wrong.</p>
          <Link className="btn btn-secondary" href={back.href}>
            {back.label}
          </Link>
        </div>
      </>
    );
  return (
    <>
      <Breadcrumbs trail={[...trail, { label: object.name }]} />
      {children(object)}
    </>
  );
}
