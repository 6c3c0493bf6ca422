"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { type ReactNode, useMemo } from "react";
import { DataTable, type QueryRows } from "@/components/ui/data-table";
import { actionsColumn, createdColumn, lastUsedColumn, titleColumn } from "@/components/ui/data-table-columns";
import { RowActions } from "@/components/ui/row-actions";
import { Timestamp } from "@/components/ui/timestamp";
import { expiryState } from "@/lib/credential-rules";

interface ApiTokenRow {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  /** null: its user's role's rights. */
  scopes: string[] | null;
  readOnly: boolean;
  /** Set in an admin's list of every user's tokens. */
  owner?: { id: string; email: string } | null;
}

/** What a token may do, in a word where one fits. */
function Access({ token }: { token: ApiTokenRow }) {
  if (token.scopes === null) return <span className="muted">All of the role's rights</span>;
  const scopes = token.scopes.map((scope) => <code key={scope}>{scope}</code>);
  return (
    <span className="token-access">
      {token.readOnly ? <span className="badge">Read-only</span> : null} {scopes}
    </span>
  );
}

const MARKS = { expired: ["badge-danger", "Expired"], expiring: ["badge-warning", "Expires soon"] } as const;

/**
 * A user's API tokens with a Revoke action on each: on the API tokens page
 * (one's own) and in an admin's dialog on the users page (anyone's). The API
 * returns them all at once (a person has a handful), so there is no paging.
 * `withOwner`: an admin's list of every user's tokens, with whose each is.
 */
export function ApiTokensTable({
  caption,
  rows,
  onRevoke,
  empty,
  withOwner = false,
}: {
  withOwner?: boolean;
  caption: string;
  /** The tokens, from the query behind the table (`queryRows`). */
  rows: QueryRows<ApiTokenRow>;
  onRevoke: (token: { id: string; name: string }) => void;
  empty: ReactNode;
}) {
  const columns = useMemo<ColumnDef<ApiTokenRow>[]>(() => {
    const now = Date.now();
    return [
      titleColumn<ApiTokenRow>("name", "Name", (token) => (
        <>
          <span className="row-title">
            {token.name}
            {/* Marked by the name too, since the Expires column is hidden on phones. */}
            {(() => {
              const state = expiryState(token.expiresAt, now);
              return state === "expired" || state === "expiring" ? (
                <>
                  {" "}
                  <span className={`badge ${MARKS[state][0]}`}>{MARKS[state][1]}</span>
                </>
              ) : null;
            })()}
          </span>
          {/* The Owner and Access columns are hidden on phones. */}
          {token.owner ? <span className="cell-sub mobile-only user-email">{token.owner.email}</span> : null}
          {token.readOnly ? <span className="cell-sub mobile-only">Read-only</span> : null}
        </>
      )),
      ...(withOwner
        ? [
            {
              id: "owner",
              header: "Owner",
              meta: { hideOnMobile: true },
              cell: ({ row }) => <span className="cell-main">{row.original.owner?.email}</span>,
            } satisfies ColumnDef<ApiTokenRow>,
          ]
        : []),
      // The scopes are long: phones see only the Read-only mark, by the name.
      { id: "access", header: "Access", meta: { hideOnMobile: true }, cell: ({ row }) => <Access token={row.original} /> },
      createdColumn<ApiTokenRow>(),
      lastUsedColumn<ApiTokenRow>(now),
      {
        id: "expiresAt",
        header: "Expires",
        meta: { hideOnMobile: true },
        cell: ({ row }) => (row.original.expiresAt ? <Timestamp iso={row.original.expiresAt} /> : <span className="muted">Never</span>),
      },
      // Every user may revoke their own tokens; admins anyone's (the server decides).
      actionsColumn<ApiTokenRow>((token) => (
        <RowActions
          name={token.owner ? `${token.name} of ${token.owner.email}` : token.name}
          actions={[
            {
              label: "Revoke",
              danger: true,
              onClick: () => onRevoke({ id: token.id, name: token.owner ? `${token.name} of ${token.owner.email}` : token.name }),
            },
          ]}
        />
      )),
    ];
  }, [onRevoke, withOwner]);
  return <DataTable caption={caption} columns={columns} {...rows} empty={empty} getRowId={(row) => row.id} />;
}
