"use client";

import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { ApiTokensTable } from "@/components/api-tokens/api-tokens-table";
import { queryRows } from "@/components/ui/data-table";
import { RevokeApiTokenDialog } from "@/components/api-tokens/revoke-api-token-dialog";
import { ViewDialog } from "@/components/ui/dialog";
import { UserApiTokensDocument } from "./users.generated";

/** An admin's view of one user's API tokens, each of which they can revoke (a demoted or departing user's, too). */
export function UserApiTokensDialog({ user, onOpenChange }: { user: { id: string; email: string }; onOpenChange: (open: boolean) => void }) {
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);
  const { data, loading, error, refetch } = useQuery(UserApiTokensDocument, {
    variables: { userId: user.id },
    fetchPolicy: "network-only",
    notifyOnNetworkStatusChange: true,
  });
  return (
    <ViewDialog
      onClose={() => onOpenChange(false)}
      title={`API tokens of ${user.email}`}
      description="Each acts as this user, with their role of the moment. Revoking one stops whatever uses it at once."
    >
      <ApiTokensTable
        caption={`API tokens of ${user.email}`}
        rows={queryRows({ loading, error, refetch }, data?.apiTokens)}
        onRevoke={setRevoking}
        empty={<p>This user has no API tokens.</p>}
      />
      {revoking ? <RevokeApiTokenDialog apiToken={revoking} refetchQuery="UserApiTokens" onOpenChange={(open) => !open && setRevoking(null)} /> : null}
    </ViewDialog>
  );
}
