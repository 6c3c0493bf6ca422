"use client";

import { formatDate, formatTime, isoInstant } from "@/components/ui/format";
import { Timestamp } from "@/components/ui/timestamp";
import { useApolloClient, useQuery } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, useEffect, useState } from "react";
import { graphqlProblem } from "@/components/console/graphql-problem";
import { useCanWrite } from "@/components/console/console-providers";
import { DataTable } from "@/components/ui/data-table";
import { ListPagination } from "@/components/ui/data-table-pagination";
import { useListUrlState } from "@/components/ui/use-list-url-state";
import { SelectField } from "@/components/ui/select-field";
import { AuditLogCsvDocument, AuditLogDocument, type AuditLogQuery } from "./audit-log.generated";
import { ACTION_WORDS, OBJECT_TYPE_WORDS, actionInWords, objectTypeInWords } from "./audit-words";
import { FieldError, errorAria } from "@/components/ui/field-error";

type Row = AuditLogQuery["auditEvents"]["data"][number];

// Always newest first: the API offers no other order.
const NO_SORT: readonly string[] = [];
/** The filters' URL parameters: a filtered view can be shared and survives a reload. */
const FILTER_PARAMS = ["actor", "action", "type", "object", "from", "to"] as const;
type FilterParam = (typeof FILTER_PARAMS)[number];
type Filters = Record<FilterParam, string>;

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
        <span className="audit-action">{actionInWords(row.original.action)}</span>
        {/* The code the CSV and the API carry, so the page and an export read alike. */}
        <code className="cell-sub">{row.original.action}</code>
        {/* Phones have no room for the Time and Actor columns: who and when go under what was done. */}
        <span className="cell-sub mobile-only">by {row.original.actor.label}</span>
        <Timestamp className="cell-sub mobile-only" iso={row.original.createdAt} />
      </>
    ),
  },
  {
    id: "object",
    header: "Object",
    meta: { className: "cell-stack audit-object" },
    cell: ({ row }) => (
      <>
        <span className="cell-main">
          {row.original.objectLabel ?? <span className="muted">(no name)</span>}{" "}
          <span className="cell-sub-inline">{objectTypeInWords(row.original.objectType)}</span>
        </span>
        {/* One per row: prefetching each would fetch a page per event. */}
        <Link
          prefetch={false}
          className="cell-sub mono"
          href={`/audit-log?object=${encodeURIComponent(row.original.objectId)}`}
          title="Show only this object's events"
          aria-label={`Show only the events of ${objectTypeInWords(row.original.objectType)} ${row.original.objectId}`}
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

/** An ISO instant as a datetime-local input shows it (local time, minutes), and back. */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : "");

/** A filter's choices: "any" first (no filter), then each code in words. */
const anyOr = (any: string, words: Record<string, string>) => [{ value: "", label: any }, ...Object.entries(words).map(([value, label]) => ({ value, label }))];

/** A datetime-local field holding an ISO instant ("" for none), in the browser's time zone. */
function InstantField({ id, label, iso, onChange, error }: { id: string; label: string; iso: string; onChange: (iso: string) => void; error?: string | null }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="datetime-local"
        value={toLocalInput(iso)}
        onChange={(event) => onChange(fromLocalInput(event.target.value))}
        {...errorAria(id, error)}
      />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

/** A time range that ends before it starts: the field error under Until (the API would refuse the whole list). */
function rangeProblem(filters: Pick<Filters, "from" | "to">): string | null {
  return filters.from && filters.to && Date.parse(filters.from) > Date.parse(filters.to) ? "Until must be later than From" : null;
}

/** The API's filter from the URL's; empty parts left out. */
function apiFilter(filters: Filters) {
  const filter = {
    actor: filters.actor || undefined,
    action: filters.action || undefined,
    objectType: filters.type || undefined,
    object: filters.object || undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
  };
  return Object.values(filter).some(Boolean) ? filter : undefined;
}

/** Actor, action, object type, object and time range: applied together, kept in the URL (pushed, so Back undoes a filter). */
function FilterBar({ filters }: { filters: Filters }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [draft, setDraft] = useState(filters);
  const [checked, setChecked] = useState(false);
  // Back and Forward change the URL's filters: follow them.
  useEffect(() => setDraft(filters), [filters]);
  // Shown once applied, or when a link brought a reversed range.
  const toError = checked ? rangeProblem(draft) : rangeProblem(filters);

  function apply(next: Filters) {
    const query = new URLSearchParams(params.toString());
    for (const key of FILTER_PARAMS) {
      const value = next[key].trim();
      if (value) query.set(key, value);
      else query.delete(key);
    }
    // A cursor belongs to the filter it was made with.
    query.delete("page");
    const text = query.toString();
    router.push(text ? `${pathname}?${text}` : pathname, { scroll: false });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChecked(true);
    if (rangeProblem(draft)) {
      document.getElementById("audit-to")?.focus();
      return;
    }
    apply(draft);
  }

  const change = (key: FilterParam) => (value: string) => setDraft({ ...draft, [key]: value });
  const set = (key: FilterParam) => (event: { target: { value: string } }) => change(key)(event.target.value);
  const active = FILTER_PARAMS.some((key) => filters[key]);

  return (
    <form className="filter-bar" onSubmit={submit} aria-label="Filter events" data-no-unsaved-work>
      <div className="field">
        <label htmlFor="audit-actor">Actor</label>
        <input id="audit-actor" value={draft.actor} onChange={set("actor")} placeholder="Email, system name or id" />
      </div>
      <SelectField id="audit-action" label="Action" value={draft.action} options={anyOr("Any action", ACTION_WORDS)} onChange={change("action")} />
      <SelectField id="audit-type" label="Object type" value={draft.type} options={anyOr("Any type", OBJECT_TYPE_WORDS)} onChange={change("type")} />
      <div className="field">
        <label htmlFor="audit-object">Object</label>
        <input id="audit-object" value={draft.object} onChange={set("object")} placeholder="Name or id" />
      </div>
      <InstantField id="audit-from" label="From" iso={draft.from} onChange={change("from")} />
      <InstantField id="audit-to" label="Until" iso={draft.to} onChange={change("to")} error={toError} />
      <div className="toolbar-actions">
        <button type="submit" className="btn btn-primary">
          Apply filters
        </button>
        {active ? (
          <button type="button" className="btn btn-secondary" onClick={() => apply({ actor: "", action: "", type: "", object: "", from: "", to: "" })}>
            Clear filters
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** Downloads the filtered events as CSV, built by the server (escaped, formulas defused), saved by the browser. */
function ExportCsv({ filter }: { filter: ReturnType<typeof apiFilter> }) {
  const client = useApolloClient();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function download() {
    setBusy(true);
    setMessage(null);
    try {
      const { data } = await client.query({ query: AuditLogCsvDocument, variables: { filter }, fetchPolicy: "no-cache" });
      const result = data!.auditEventsCsv;
      // The byte order mark makes spreadsheet programs read the file as UTF-8.
      const url = URL.createObjectURL(new Blob(["\uFEFF", result.csv], { type: "text/csv;charset=utf-8" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = `audit-log-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-")}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      setMessage(
        result.truncated
          ? `Downloaded the newest ${result.rowCount} events; more match. Narrow the time range for the rest.`
          : `Downloaded ${result.rowCount} events.`,
      );
    } catch (failure) {
      setMessage(graphqlProblem(failure).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="toolbar">
      <span className="muted" role="status">
        {message}
      </span>
      <button type="button" className="btn btn-secondary" onClick={download} disabled={busy}>
        {busy ? "Preparing CSV…" : "Export CSV"}
      </button>
    </div>
  );
}

function AuditLogTable() {
  const list = useListUrlState(NO_SORT);
  const actor = list.filter("actor");
  const action = list.filter("action");
  const type = list.filter("type");
  const object = list.filter("object");
  const from = list.filter("from");
  const to = list.filter("to");
  const filters: Filters = { actor, action, type, object, from, to };
  const stableFilters = useStable(filters);
  const filter = apiFilter(stableFilters);
  // A reversed range is the filter bar's field error, not a failed list with the last count still under it.
  const reversed = !!rangeProblem(stableFilters);
  const { data, previousData, loading, error, refetch } = useQuery(AuditLogDocument, {
    skip: reversed,
    variables: { first: list.pageSize, after: list.after, filter },
    notifyOnNetworkStatusChange: true,
    // A log grows all the time: always ask, but show what is known meanwhile.
    fetchPolicy: "cache-and-network",
  });
  const page = reversed ? undefined : (data ?? previousData)?.auditEvents;

  const emptyState = filter ? <p>No events match these filters.</p> : <p>No events yet. Changes made in the console or through the API appear here.</p>;

  return (
    <>
      <FilterBar filters={stableFilters} />
      <ExportCsv filter={filter} />
      <DataTable
        caption={filter ? "Audit events, filtered" : "Audit events"}
        columns={COLUMNS}
        data={error || reversed ? [] : (page?.data ?? [])}
        loading={loading && !reversed}
        error={error}
        onRetry={() => void refetch()}
        empty={emptyState}
        getRowId={(row) => row.id}
      />
      <ListPagination list={list} page={page} idPrefix="audit" />
    </>
  );
}

/** The same object while its values are the same, so effects keyed on it run only on a real change. */
function useStable(filters: Filters): Filters {
  const [stable, setStable] = useState(filters);
  const changed = FILTER_PARAMS.some((key) => stable[key] !== filters[key]);
  if (changed) setStable(filters);
  return changed ? filters : stable;
}
