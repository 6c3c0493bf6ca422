"use client";

import { useMutation } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { useCanWrite } from "@/components/console/console-providers";
import { inApiWords } from "@/components/console/graphql-problem";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { DataTable } from "@/components/ui/data-table";
import { actionsColumn, createdColumn, lastUsedColumn } from "@/components/ui/data-table-columns";
import { RowActions } from "@/components/ui/row-actions";
import { ExpiryMark } from "@/components/ui/expiry-mark";
import { formatDateTime, formatRelative } from "@/components/ui/format";
import { useToast } from "@/components/ui/toast";
import { CredentialNoteDialog } from "./credential-note-dialog";
import { DeleteCredentialDocument } from "./integration-system-detail.generated";
import { evictDeleted } from "@/components/console/evict-deleted";

/** What the table shows of any credential (an integration system's, an application's or a runtime's). */
export interface Credential {
  id: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt?: string | null;
  secretHint?: string | null;
  /** An integration system's credentials carry these; an application's or a runtime's may not. */
  scopes?: string[];
  note?: string | null;
  /** false: generated in the console and its secret never confirmed as stored (the reveal was left). */
  secretConfirmed?: boolean;
}

/**
 * An object's credentials: enough to tell them apart and see which are in use,
 * never the secret. `onRevoke` deletes one of an application or a runtime;
 * without it, the credential is an integration system's.
 */
export function CredentialsTable({
  credentials,
  empty,
  onRevoke,
  secretHints = true,
}: {
  credentials: Credential[];
  empty: React.ReactNode;
  onRevoke?: (id: string) => Promise<unknown>;
  /** false where the API keeps no hint of the secret (applications, runtimes): no column of dashes. */
  secretHints?: boolean;
}) {
  const canWrite = useCanWrite();
  const toast = useToast();
  const [revoking, setRevoking] = useState<Credential | null>(null);
  const [noting, setNoting] = useState<Credential | null>(null);
  const [deleteCredential] = useMutation(DeleteCredentialDocument, {
    // The answer is a SystemAuth interface: its __typename (IntSysSystemAuth) names the cached object, not the interface's name.
    update: evictDeleted((data) => data.deleteSystemAuthForIntegrationSystem),
  });

  const columns = useMemo<ColumnDef<Credential>[]>(
    () => [
      {
        id: "clientId",
        header: "Client ID",
        cell: ({ row }) => (
          <>
            <span className="client-id">
              {/* Time-ordered ids share their first characters: where the id is cut short, its end tells credentials apart. */}
              <code title={row.original.id}>
                <span className="client-id-full">{row.original.id}</span>
                <span className="client-id-end" aria-hidden="true">
                  …{row.original.id.slice(-8)}
                </span>
              </code>
              <CopyButton value={row.original.id} label={`Copy client ID ${row.original.id}`} />
            </span>
            {row.original.note ? <span className="credential-note">{row.original.note}</span> : null}
            {row.original.secretConfirmed === false ? (
              <span className="credential-unconfirmed">
                <span className="badge badge-warning">Secret not confirmed as stored</span>
                {canWrite ? (
                  <button
                    type="button"
                    className="btn btn-secondary btn-small"
                    onClick={() => setRevoking(row.original)}
                    aria-label={`Revoke unconfirmed credential ${row.original.id}`}
                  >
                    Revoke
                  </button>
                ) : null}
              </span>
            ) : null}
          </>
        ),
      },
      {
        id: "scopes",
        header: "Scopes",
        meta: { hideOnMobile: true },
        cell: ({ row }) => (
          <span className="scope-list">
            {(row.original.scopes ?? []).map((scope) => (
              <code key={scope} className="badge">
                {scope}
              </code>
            ))}
          </span>
        ),
      },
      ...(secretHints
        ? [
            {
              id: "secretHint",
              header: "Secret",
              // On a phone the client id tells credentials apart; the hint is one tap away on a wider screen.
              meta: { hideOnMobile: true },
              cell: ({ row }) =>
                row.original.secretHint ? (
                  <code>
                    <span className="sr-only">Secret ending in </span>…{row.original.secretHint}
                  </code>
                ) : (
                  "—"
                ),
            } satisfies ColumnDef<Credential>,
          ]
        : []),
      createdColumn<Credential>(),
      lastUsedColumn<Credential>(),
      {
        id: "expiresAt",
        header: "Expires",
        meta: { hideOnMobile: true },
        cell: ({ row }) => <ExpiryMark expiresAt={row.original.expiresAt} />,
      },
      ...(canWrite
        ? [
            actionsColumn<Credential>((credential) => (
              <RowActions
                name={`credential ${credential.id}`}
                actions={[
                  { label: credential.note ? "Edit note" : "Add note", onClick: () => setNoting(credential) },
                  { label: "Revoke", danger: true, onClick: () => setRevoking(credential) },
                ]}
              />
            )),
          ]
        : []),
    ],
    [canWrite, secretHints],
  );

  return (
    <>
      <DataTable caption="Client credentials" columns={columns} data={credentials} loading={false} empty={empty} getRowId={(row) => row.id} />
      {revoking ? (
        <ConfirmDialog
          onOpenChange={(open) => !open && setRevoking(null)}
          title="Revoke this credential?"
          description={
            <>
              Client ID <code>{revoking.id}</code>
              {revoking.note ? <> ({revoking.note})</> : null} stops working, and every access token issued to it is refused from now on. Its other credentials
              keep working.
              <br />
              <strong className="revoke-last-used">
                {revoking.lastUsedAt ? `Last used ${formatRelative(revoking.lastUsedAt)} (${formatDateTime(revoking.lastUsedAt)}).` : "Never used."}
              </strong>
            </>
          }
          confirmLabel="Revoke credential"
          onConfirm={async () => {
            await inApiWords(onRevoke ? onRevoke(revoking.id) : deleteCredential({ variables: { id: revoking.id } }));
            toast.success("Credential revoked");
          }}
        />
      ) : null}
      {noting ? <CredentialNoteDialog credential={{ id: noting.id, note: noting.note ?? null }} onOpenChange={(open) => !open && setNoting(null)} /> : null}
    </>
  );
}
