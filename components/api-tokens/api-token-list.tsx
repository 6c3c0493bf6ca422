"use client";

import { useQuery } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { useCanWrite } from "@/components/console/console-providers";
import { DataTable } from "@/components/ui/data-table";
import { actionsColumn, createdColumn, lastUsedColumn } from "@/components/ui/data-table-columns";
import { RowActions } from "@/components/ui/row-actions";
import { Timestamp } from "@/components/ui/timestamp";
import { useToast } from "@/components/ui/toast";
import { ApiTokenRevealDialog } from "./api-token-reveal-dialog";
import { ApiTokensDocument, type ApiTokensQuery } from "./api-tokens.generated";
import { CreateApiTokenDialog } from "./create-api-token-dialog";
import { RevokeApiTokenDialog } from "./revoke-api-token-dialog";
import { expiryState } from "@/lib/credential-rules";

type Row = ApiTokensQuery["apiTokens"][number];

const MARKS = { expired: ["badge-danger", "Expired"], expiring: ["badge-warning", "Expires soon"] } as const;

/**
 * The signed-in user's API tokens. The API returns them all at once (a person
 * has a handful), so this table has no paging. A new token lives only in this
 * component's state while its reveal dialog is open.
 */
export function ApiTokenList() {
  const canWrite = useCanWrite();
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);
  const { data, loading, error, refetch } = useQuery(ApiTokensDocument, { notifyOnNetworkStatusChange: true });

  const columns = useMemo<ColumnDef<Row>[]>(() => {
    const now = Date.now();
    return [
      {
        id: "name",
        header: "Name",
        cell: ({ row }) => (
          <span className="row-title">
            {row.original.name}
            {/* Marked by the name too, since the Expires column is hidden on phones. */}
            {(() => {
              const state = expiryState(row.original.expiresAt, now);
              return state === "expired" || state === "expiring" ? (
                <>
                  {" "}
                  <span className={`badge ${MARKS[state][0]}`}>{MARKS[state][1]}</span>
                </>
              ) : null;
            })()}
          </span>
        ),
      },
      createdColumn<Row>(),
      lastUsedColumn<Row>(now),
      {
        id: "expiresAt",
        header: "Expires",
        meta: { hideOnMobile: true },
        cell: ({ row }) => (row.original.expiresAt ? <Timestamp iso={row.original.expiresAt} /> : <span className="muted">Never</span>),
      },
      ...(canWrite
        ? [
            actionsColumn<Row>((token) => (
              <RowActions name={token.name} actions={[{ label: "Revoke", danger: true, onClick: () => setRevoking({ id: token.id, name: token.name }) }]} />
            )),
          ]
        : []),
    ];
  }, [canWrite]);

  const createButton = canWrite ? (
    <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
      Create API token
    </button>
  ) : null;

  return (
    <>
      {canWrite ? (
        <div className="toolbar">
          <span className="muted" aria-live="polite">
            {data ? `${data.apiTokens.length} ${data.apiTokens.length === 1 ? "token" : "tokens"}` : null}
          </span>
          <div className="toolbar-actions">{createButton}</div>
        </div>
      ) : (
        <div className="notice" role="note">
          Your account has the Viewer role: viewers cannot create or revoke API tokens. Ask an admin if a script needs one.
        </div>
      )}
      <DataTable
        caption="Your API tokens"
        columns={columns}
        data={error ? [] : (data?.apiTokens ?? [])}
        loading={loading}
        error={error}
        onRetry={() => void refetch()}
        empty={
          canWrite ? (
            <>
              <p>
                <strong>No API tokens yet.</strong> Create one for a script or an automation that calls the GraphQL API as you.
              </p>
              {createButton}
            </>
          ) : (
            <p>You have no API tokens.</p>
          )
        }
        getRowId={(row) => row.id}
      />
      {canWrite ? (
        <CreateApiTokenDialog
          open={creating}
          onOpenChange={setCreating}
          onCreated={(token) => {
            setCreating(false);
            setCreated(token);
            void refetch();
          }}
        />
      ) : null}
      {created ? (
        <ApiTokenRevealDialog
          created={created}
          onClose={() => {
            setCreated(null);
            // Said after the reveal rather than during it: the modal hides the toast from screen readers and, on a phone, the toast would cover Close.
            toast.success(`Created ${created.name}`);
          }}
        />
      ) : null}
      {revoking ? <RevokeApiTokenDialog apiToken={revoking} onOpenChange={(open) => !open && setRevoking(null)} /> : null}
    </>
  );
}
