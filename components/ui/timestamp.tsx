"use client";

import { formatDateTime, formatRelative, isoInstant } from "./format";

/**
 * Every timestamp of the console: the local date and time with its zone (or
 * "3 days ago" where distance matters more), the exact ISO instant on hover.
 */
export function Timestamp({ iso, relative = false, now, className }: { iso: string; relative?: boolean; now?: number; className?: string }) {
  const instant = isoInstant(iso);
  return (
    <time dateTime={instant} title={relative ? `${formatDateTime(iso)} · ${instant}` : instant} className={className}>
      {relative ? formatRelative(iso, now) : formatDateTime(iso)}
    </time>
  );
}

/** The last two rows of an object's details: when it was created (`created` names it, e.g. "Registered") and last updated. */
export function CreatedAndUpdated({ object, created = "Created" }: { object: { createdAt: string; updatedAt: string }; created?: string }) {
  return (
    <>
      <dt>{created}</dt>
      <dd>
        <Timestamp iso={object.createdAt} />
      </dd>
      <dt>Updated</dt>
      <dd>
        <Timestamp iso={object.updatedAt} />
      </dd>
    </>
  );
}
