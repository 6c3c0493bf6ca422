"use client";

import { formatDate, formatTime, isoInstant } from "../ui/format";
import { Timestamp } from "../ui/timestamp";
import { useQuery } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useCallback } from "react";
import { useCanWrite } from "../console/console-providers";
import { DataTable } from "../ui/data-table";
import { ListPagination } from "../ui/data-table-pagination";
import { DataTableToolbar } from "../ui/data-table-toolbar";
import { useListUrlState } from "../ui/use-list-url-state";
import { AuditLogDocument, type AuditLogQuery } from "./audit-log.generated";

type Row = AuditLogQuery["auditEvents"]["data"][number];

// Always newest first: the API offers no other order.
const NO_SORT: readonly string[] = [];
const OBJECT_PARAM = "object";

const ACTOR_TYPES: Record<Row["actor"]["type"], string> = {
  USER: "User",
  INTEGRATION_SYSTEM: "Integration system",
  SYSTEM: "System",
  APPLICATION: "Application",
  RUNTIME: "Runtime",
};

/** `details` is JSON of the changed fields; shown as one line that expands to the whole object. */
function Details({ details }: { details: string | null }) {
  if (!details) return <span className="muted">—</span>;
  let pretty = details;
  let summary = details;
  try {
    const parsed: unknown = JSON.parse(details);
    pretty = JSON.stringify(parsed, null, 2);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
      summary = Object.entries(parsed)
        .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
        .join(", ");
    }
  } catch {
    // Not JSON after all: show it as it is.
  }
  return (
    <details className="audit-details">
      <summary title={summary}>{summary}</summary>
      <pre className="code-block">{pretty}</pre>
    </details>
  );
}

/** With seconds: in a log, the order of events moments apart matters. */


/** Action codes such as API_TOKEN_CREATED may wrap only at their underscores. */
const breakableAction = (action: string) =>
  action.split("_").flatMap((part, index) => (index === 0 ? [part] : [<wbr key={index} />, `_${part}`]));

const actorKind = (actor: Row["actor"]) => `${ACTOR_TYPES[actor.type]} · ${actor.authMethod.toLowerCase().replaceAll("_", " ")}`;

const COLUMNS: ColumnDef<Row>[] = [
  {
    id: "createdAt",
    header: "Time",
    meta: { hideOnMobile: true },
    cell: ({ row }) => (
      <time dateTime={isoInstant(row.original.createdAt)} title={isoInstant(row.original.createdAt)} className="cell-stack cell-nowrap">
        <span>{formatDate(row.original.createdAt)}</span>
        <span className="cell-sub">{formatTime(row.original.createdAt)}</span>
      </time>
    ),
  },
  {
    id: "actor",
    header: "Actor",
    meta: { className: "cell-stack", hideOnMobile: true },
    cell: ({ row }) => (
      <>
        <span className="cell-main">{row.original.actor.label}</span>
        <span className="cell-sub">{actorKind(row.original.actor)}</span>
      </>
    ),
  },
  {
    id: "action",
    header: "Action",
    meta: { className: "cell-stack" },
    cell: ({ row }) => (
      <>
        <span className="mono audit-action">{breakableAction(row.original.action)}</span>
        {/* Phones have no room for the Time and Actor columns: who and when go under what was done. */}
        <span className="cell-sub mobile-only">by {row.original.actor.label}</span>
        <Timestamp className="cell-sub mobile-only" iso={row.original.createdAt} />
      </>
    ),
  },
  {
    id: "object",
    header: "Object",
    meta: { className: "cell-stack" },
    cell: ({ row }) => (
      <>
        <span className="cell-main">
          {row.original.objectLabel ?? <span className="muted">(no name)</span>} <span className="cell-sub-inline">{row.original.objectType}</span>
        </span>
        {/* One per row: prefetching each would fetch a page per event. */}
        <Link
          prefetch={false}
          className="cell-sub mono"
          href={`/audit-log?${OBJECT_PARAM}=${encodeURIComponent(row.original.objectId)}`}
          title="Show only this object's events"
          aria-label={`Show only the events of ${row.original.objectType} ${row.original.objectId}`}
        >
          {row.original.objectId}
        </Link>
      </>
    ),
  },
  {
    id: "details",
    header: "Details",
    meta: { hideOnMobile: true, className: "cell-details" },
    cell: ({ row }) => <Details details={row.original.details} />,
  },
];

/** Who changed what and when, newest first, a page at a time; admins only, like the API. */
export function AuditLog() {
  // ADMIN is the one role that may write, and the one that may read the log.
  const isAdmin = useCanWrite();
  if (!isAdmin) {
    return (
      <div className="notice" role="note">
        The audit log is visible to admins only.
      </div>
    );
  }
  return <AuditLogTable />;
}

function AuditLogTable() {
  const list = useListUrlState(NO_SORT);
  const objectId = list.filter(OBJECT_PARAM);
  const { setFilter } = list;
  const setObjectId = useCallback((value: string) => setFilter(OBJECT_PARAM, value), [setFilter]);
  const { data, previousData, loading, error, refetch } = useQuery(AuditLogDocument, {
    variables: { first: list.pageSize, after: list.after, objectId: objectId || undefined },
    notifyOnNetworkStatusChange: true,
    // A log grows all the time: always ask, but show what is known meanwhile.
    fetchPolicy: "cache-and-network",
  });
  const page = (data ?? previousData)?.auditEvents;

  const emptyState = objectId ? (
    <>
      <p>No events for the object with id “{objectId}”.</p>
      <button type="button" className="btn btn-secondary" onClick={() => setObjectId("")}>
        Show all events
      </button>
    </>
  ) : (
    <p>No events yet. Changes made in the console or through the API appear here.</p>
  );

  return (
    <>
      <DataTableToolbar search={objectId} onSearchChange={setObjectId} searchLabel="Filter by object ID" idPrefix="audit">
        {objectId ? (
          <button type="button" className="btn btn-secondary" onClick={() => setObjectId("")}>
            Clear filter
          </button>
        ) : null}
      </DataTableToolbar>
      <DataTable
        caption={objectId ? `Audit events of object ${objectId}` : "Audit events"}
        columns={COLUMNS}
        data={error ? [] : (page?.data ?? [])}
        loading={loading}
        error={error}
        onRetry={() => void refetch()}
        empty={emptyState}
        getRowId={(row) => row.id}
      />
      <ListPagination list={list} page={page} idPrefix="audit" />
    </>
  );
}
