"use client";

import { useMutation } from "@apollo/client/react";
import { inApiWords } from "@/components/console/graphql-problem";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { RevokeApiTokenDocument } from "./api-tokens.generated";

/** Confirms revoking a token, saying what that breaks: whatever uses it, at once. */
export function RevokeApiTokenDialog({
  apiToken,
  onOpenChange,
  refetchQuery = "ApiTokens",
}: {
  apiToken: { id: string; name: string };
  onOpenChange: (open: boolean) => void;
  /** The query listing the token, refetched after it goes: one's own list, or an admin's UserApiTokens. */
  refetchQuery?: string;
}) {
  const toast = useToast();
  const [revoke] = useMutation(RevokeApiTokenDocument, {
    refetchQueries: [refetchQuery],
    awaitRefetchQueries: true,
  });
  return (
    <ConfirmDialog
      onOpenChange={onOpenChange}
      title={`Revoke ${apiToken.name}?`}
      description="Scripts and applications using this token stop working at once. This cannot be undone."
      confirmLabel="Revoke token"
      onConfirm={async () => {
        await inApiWords(revoke({ variables: { id: apiToken.id } }));
        toast.success(`Revoked ${apiToken.name}`);
      }}
    />
  );
}
