"use client";

import { useMutation } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { useCanWrite } from "../console/console-providers";
import { asProblemError } from "../console/graphql-problem";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { CopyButton } from "../ui/copy-button";
import { DataTable } from "../ui/data-table";
import { actionsColumn, createdColumn, lastUsedColumn } from "../ui/data-table-columns";
import { RowActions } from "../ui/row-actions";
import { Timestamp } from "../ui/timestamp";
import { useToast } from "../ui/toast";
import { DeleteCredentialDocument } from "./integration-system-detail.generated";

/** What the table shows of any credential (an integration system's, an application's or a runtime's). */
export interface Credential {
  id: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt?: string | null;
  secretHint?: string | null;
}

const isExpired = (credential: Credential) => !!credential.expiresAt && new Date(credential.expiresAt).getTime() <= Date.now();

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
  const [deleteCredential] = useMutation(DeleteCredentialDocument, {
    update(cache, { data }) {
      if (!data) return;
      // The answer carries its own __typename (IntSysSystemAuth, an implementation of SystemAuth): identify by it, not by the interface.
      cache.evict({ id: cache.identify(data.deleteSystemAuthForIntegrationSystem) });
      cache.gc();
    },
  });

  const columns = useMemo<ColumnDef<Credential>[]>(
    () => [
      {
        id: "clientId",
        header: "Client ID",
        cell: ({ row }) => (
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
                row.original.secretHint ? <code aria-label={`Secret ending in ${row.original.secretHint}`}>…{row.original.secretHint}</code> : "—",
            } satisfies ColumnDef<Credential>,
          ]
        : []),
      createdColumn<Credential>(),
      lastUsedColumn<Credential>(),
      {
        id: "expiresAt",
        header: "Expires",
        meta: { hideOnMobile: true },
        cell: ({ row }) =>
          isExpired(row.original) ? (
            <span className="badge badge-danger">Expired</span>
          ) : row.original.expiresAt ? (
            <Timestamp iso={row.original.expiresAt} relative />
          ) : (
            <span className="muted">Never</span>
          ),
      },
      ...(canWrite
        ? [
            actionsColumn<Credential>((credential) => (
              <RowActions name={`credential ${credential.id}`} actions={[{ label: "Revoke", danger: true, onClick: () => setRevoking(credential) }]} />
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
          open
          onOpenChange={(open) => !open && setRevoking(null)}
          title="Revoke this credential?"
          description={
            <>
              Client ID <code>{revoking.id}</code> stops working, and every access token issued to it is refused from now on. Its other
              credentials keep working.
            </>
          }
          confirmLabel="Revoke credential"
          onConfirm={async () => {
            try {
              if (onRevoke) await onRevoke(revoking.id);
              else await deleteCredential({ variables: { id: revoking.id } });
            } catch (error) {
              throw asProblemError(error);
            }
            toast.success("Credential revoked");
          }}
        />
      ) : null}
    </>
  );
}
