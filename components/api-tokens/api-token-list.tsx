"use client";

import { useQuery } from "@apollo/client/react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { useCanWrite } from "@/components/console/console-providers";
import { useCreateThenReveal } from "@/components/ui/use-create-then-reveal";
import { ApiTokenRevealDialog } from "./api-token-reveal-dialog";
import { queryRows } from "@/components/ui/data-table";
import { ApiTokensTable } from "./api-tokens-table";
import { ApiTokensDocument } from "./api-tokens.generated";
import { CreateApiTokenDialog } from "./create-api-token-dialog";
import { RevokeApiTokenDialog } from "./revoke-api-token-dialog";
import { CountToolbar } from "@/components/ui/data-table-toolbar";

/**
 * The signed-in user's API tokens, or an admin's view of every user's. The API returns them all at once (a person
 * has a handful), so this table has no paging. A new token lives only in this
 * component's state while its reveal dialog is open.
 */
export function ApiTokenList() {
  const isAdmin = useCanWrite();
  // Admins also see every user's tokens; the choice lives in the URL, so Back and Forward walk it.
  const params = useSearchParams();
  const allUsers = isAdmin && params.get("owner") === "all";
  const tokens = useCreateThenReveal<{ token: string; name: string }>((token) => `Created ${token.name}`);
  const created = tokens.shown;
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);
  const { data, loading, error, refetch } = useQuery(ApiTokensDocument, { variables: { allUsers }, notifyOnNetworkStatusChange: true });

  // Every role may create tokens: a viewer's are read-only (the dialog says so).
  const createButton = (
    <button type="button" className="btn btn-primary" onClick={tokens.start}>
      Create API token
    </button>
  );

  return (
    <>
      {isAdmin ? (
        <nav className="tabs" aria-label="Whose API tokens">
          <Link href="/api-tokens" aria-current={allUsers ? undefined : "page"}>
            Yours
          </Link>
          <Link href="/api-tokens?owner=all" aria-current={allUsers ? "page" : undefined}>
            All users
          </Link>
        </nav>
      ) : null}
      <CountToolbar count={data?.apiTokens.length} noun="token">
        {createButton}
      </CountToolbar>
      <ApiTokensTable
        caption={allUsers ? "Every user's API tokens" : "Your API tokens"}
        withOwner={allUsers}
        rows={queryRows({ loading, error, refetch }, data?.apiTokens)}
        onRevoke={setRevoking}
        empty={
          allUsers ? (
            <p>No user holds an API token.</p>
          ) : (
            <>
              <p>
                <strong>No API tokens yet.</strong> Create one for a script or an automation that calls the GraphQL API as you
                {isAdmin ? "" : " (a viewer's tokens are read-only)"}.
              </p>
              {createButton}
            </>
          )
        }
      />
      {tokens.creating ? (
        <CreateApiTokenDialog
          onClose={tokens.cancel}
          onCreated={(token) => {
            tokens.reveal(token);
            void refetch();
          }}
        />
      ) : null}
      {created ? <ApiTokenRevealDialog created={created} onClose={tokens.close} /> : null}
      {revoking ? <RevokeApiTokenDialog apiToken={revoking} onOpenChange={(open) => !open && setRevoking(null)} /> : null}
    </>
  );
}
