"use client";

import { useMutation } from "@apollo/client/react";
import { inApiWords } from "@/components/console/graphql-problem";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { DeleteUserDocument } from "./users.generated";

/** Confirms deleting a user, saying what goes with them: their sessions and API tokens. */
export function DeleteUserDialog({ user, onOpenChange }: { user: { id: string; email: string }; onOpenChange: (open: boolean) => void }) {
  const toast = useToast();
  const [remove] = useMutation(DeleteUserDocument, { refetchQueries: ["Users"], awaitRefetchQueries: true });
  return (
    <ConfirmDialog
      onOpenChange={onOpenChange}
      title={`Delete ${user.email}?`}
      description="They are signed out at once, and their API tokens stop working. The audit log keeps what they did. This cannot be undone."
      confirmLabel="Delete user"
      onConfirm={async () => {
        await inApiWords(remove({ variables: { id: user.id } }));
        toast.success(`Deleted ${user.email}`);
      }}
    />
  );
}
