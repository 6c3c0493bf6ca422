"use client";

import { useMutation } from "@apollo/client/react";
import { asProblemError } from "../console/graphql-problem";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { useToast } from "../ui/toast";
import { DeleteIntegrationSystemDocument } from "./integration-systems.generated";

/**
 * Confirms deleting an integration system, saying what goes with it: every
 * credential, and every token issued to them, which stops working at once.
 */
export function DeleteIntegrationSystemDialog({
  system,
  open,
  onOpenChange,
  onDeleted,
}: {
  system: { id: string; name: string; credentialCount: number };
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDeleted?: () => void;
}) {
  const toast = useToast();
  const [deleteSystem] = useMutation(DeleteIntegrationSystemDocument, {
    refetchQueries: ["IntegrationSystemList"],
    update(cache, { data }) {
      if (!data) return;
      cache.evict({ id: cache.identify({ __typename: "IntegrationSystem", id: data.deleteIntegrationSystem.id }) });
      cache.gc();
    },
  });
  const credentials =
    system.credentialCount === 0
      ? "It has no credentials."
      : `Its ${system.credentialCount === 1 ? "credential is" : `${system.credentialCount} credentials are`} deleted with it, and every access token issued to ${system.credentialCount === 1 ? "it" : "them"} stops working at once.`;

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Delete ${system.name}?`}
      description={`${credentials} This cannot be undone.`}
      confirmLabel="Delete integration system"
      onConfirm={async () => {
        try {
          await deleteSystem({ variables: { id: system.id } });
        } catch (error) {
          throw asProblemError(error);
        }
        toast.success(`Deleted ${system.name}`);
        onDeleted?.();
      }}
    />
  );
}
