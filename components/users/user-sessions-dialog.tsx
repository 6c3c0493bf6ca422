"use client";

import { useQuery } from "@apollo/client/react";
import { ViewDialog } from "@/components/ui/dialog";
import { queryRows } from "@/components/ui/data-table";
import { SessionsTable } from "./sessions-table";
import { UserSessionsDocument } from "./users.generated";

/** An admin's view of one user's active sessions, each of which they can end. */
export function UserSessionsDialog({ user, onOpenChange }: { user: { id: string; email: string }; onOpenChange: (open: boolean) => void }) {
  const { data, loading, error, refetch } = useQuery(UserSessionsDocument, {
    variables: { id: user.id },
    fetchPolicy: "network-only",
    notifyOnNetworkStatusChange: true,
  });
  // null when the user was deleted meanwhile: no sessions left to show.
  const sessions = data?.user?.sessions ?? [];
  return (
    <ViewDialog
      onClose={() => onOpenChange(false)}
      title={`Sessions of ${user.email}`}
      description="Browsers signed in as this user now. Ending one signs that browser out at its next request."
    >
      <SessionsTable
        caption={`Active sessions of ${user.email}`}
        rows={queryRows({ loading, error, refetch }, sessions)}
        // Refetched by operation name: the active UserSessions query, with this user's id.
        refetchQuery="UserSessions"
        ownerLabel={`${user.email}’s`}
      />
    </ViewDialog>
  );
}
