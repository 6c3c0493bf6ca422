"use client";

import { useMutation } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { inApiWords } from "@/components/console/graphql-problem";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, type QueryRows } from "@/components/ui/data-table";
import { actionsColumn } from "@/components/ui/data-table-columns";
import { RowActions } from "@/components/ui/row-actions";
import { Timestamp } from "@/components/ui/timestamp";
import { useToast } from "@/components/ui/toast";
import { EndSessionDocument, type SessionFieldsFragment } from "./users.generated";
import { TitleBadge } from "@/components/ui/title-badge";

/** "Firefox on Linux" from a User-Agent, or the raw text when it names nothing known. */
function describeBrowser(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrome\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : null;
  const system = /Android/.test(userAgent)
    ? "Android"
    : /iPhone|iPad/.test(userAgent)
      ? "iOS"
      : /Windows/.test(userAgent)
        ? "Windows"
        : /Mac OS X|Macintosh/.test(userAgent)
          ? "macOS"
          : /Linux|X11/.test(userAgent)
            ? "Linux"
            : null;
  if (!browser) return userAgent.length > 40 ? `${userAgent.slice(0, 40)}…` : userAgent;
  return system ? `${browser} on ${system}` : browser;
}

/**
 * A user's active sessions with a button to end each. The session in use is
 * marked and has no End button: signing out is how to end it.
 */
export function SessionsTable({
  caption,
  rows,
  refetchQuery,
  ownerLabel,
}: {
  caption: string;
  /** The sessions, from the query behind the table (`queryRows`). */
  rows: QueryRows<SessionFieldsFragment>;
  /** The query that lists these sessions, refetched after one ends. */
  refetchQuery: string;
  /** Whose sessions, for the confirmation ("your", "alice@example.com's"). */
  ownerLabel: string;
}) {
  const toast = useToast();
  const [ending, setEnding] = useState<SessionFieldsFragment | null>(null);
  const [end] = useMutation(EndSessionDocument, { refetchQueries: [refetchQuery], awaitRefetchQueries: true });

  const columns = useMemo<ColumnDef<SessionFieldsFragment>[]>(() => {
    const now = Date.now();
    return [
      {
        id: "browser",
        header: "Browser",
        cell: ({ row }) => (
          <span className="row-title" title={row.original.userAgent ?? undefined}>
            {describeBrowser(row.original.userAgent)}
            <TitleBadge shown={row.original.current} tone="success">
              This session
            </TitleBadge>
          </span>
        ),
      },
      { id: "address", header: "Address", meta: { hideOnMobile: true }, cell: ({ row }) => row.original.address ?? <span className="muted">Unknown</span> },
      { id: "createdAt", header: "Signed in", meta: { hideOnMobile: true }, cell: ({ row }) => <Timestamp iso={row.original.createdAt} /> },
      { id: "lastSeenAt", header: "Last seen", cell: ({ row }) => <Timestamp iso={row.original.lastSeenAt} relative now={now} /> },
      actionsColumn<SessionFieldsFragment>((session) =>
        session.current ? null : (
          <RowActions name={`session ${describeBrowser(session.userAgent)}`} actions={[{ label: "End", danger: true, onClick: () => setEnding(session) }]} />
        ),
      ),
    ];
  }, []);

  return (
    <>
      <DataTable caption={caption} columns={columns} {...rows} empty={<p>No active sessions.</p>} getRowId={(row) => row.id} />
      {ending ? (
        <ConfirmDialog
          onOpenChange={(open) => !open && setEnding(null)}
          title={`End ${ownerLabel} session in ${describeBrowser(ending.userAgent)}?`}
          description="That browser is signed out at its next request. Nothing else changes."
          confirmLabel="End session"
          onConfirm={async () => {
            await inApiWords(end({ variables: { id: ending.id } }));
            toast.success("Session ended");
          }}
        />
      ) : null}
    </>
  );
}
