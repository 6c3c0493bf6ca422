"use client";

import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { useCanWrite } from "@/components/console/console-providers";
import { useToast } from "@/components/ui/toast";
import { ApiTokenRevealDialog } from "./api-token-reveal-dialog";
import { ApiTokensTable } from "./api-tokens-table";
import { ApiTokensDocument } from "./api-tokens.generated";
import { CreateApiTokenDialog } from "./create-api-token-dialog";
import { RevokeApiTokenDialog } from "./revoke-api-token-dialog";

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
          Your account has the Viewer role: viewers cannot create API tokens (ask an admin if a script needs one), but may revoke the ones they hold.
        </div>
      )}
      <ApiTokensTable
        caption="Your API tokens"
        apiTokens={error ? [] : (data?.apiTokens ?? [])}
        onRevoke={setRevoking}
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
