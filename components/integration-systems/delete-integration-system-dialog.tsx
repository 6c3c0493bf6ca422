"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import { inApiWords } from "@/components/console/graphql-problem";
import { ProblemNotice } from "@/components/console/problem-notice";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { DeleteIntegrationSystemDocument, IntegrationSystemDependentsDocument } from "./integration-systems.generated";
import { evictDeleted } from "@/components/console/evict-deleted";

const applications = (count: number) => (count === 1 ? "1 application" : `${count} applications`);

/**
 * Confirms deleting an integration system, saying before the user confirms
 * what goes with it (every credential, and every token issued to them) and
 * what stands in the way: the server refuses while the system still manages
 * applications, so the dialog says so in words and offers no Delete.
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
  const dependents = useQuery(IntegrationSystemDependentsDocument, { variables: { id: system.id }, fetchPolicy: "network-only", skip: !open });
  const [deleteSystem] = useMutation(DeleteIntegrationSystemDocument, {
    refetchQueries: ["IntegrationSystemList"],
    update: evictDeleted((data) => data.deleteIntegrationSystem),
  });
  const managed = dependents.data?.integrationSystem?.applications.totalCount;
  const credentials =
    system.credentialCount === 0
      ? "It has no credentials."
      : `Its ${system.credentialCount === 1 ? "credential is" : `${system.credentialCount} credentials are`} deleted with it, and every access token issued to ${system.credentialCount === 1 ? "it" : "them"} stops working at once.`;

  let description: string;
  if (managed === undefined) description = dependents.error ? credentials : "Checking what depends on it…";
  else if (managed > 0) description = `${system.name} manages ${applications(managed)}: unregister them first.`;
  else description = `${credentials} This cannot be undone.`;

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Delete ${system.name}?`}
      description={description}
      confirmLabel="Delete integration system"
      confirmDisabled={managed === undefined || managed > 0}
      onConfirm={async () => {
        await inApiWords(deleteSystem({ variables: { id: system.id } }));
        toast.success(`Deleted ${system.name}`);
        onDeleted?.();
      }}
    >
      {dependents.error ? <ProblemNotice what="Could not check what depends on it" error={dependents.error} onRetry={() => void dependents.refetch()} /> : null}
    </ConfirmDialog>
  );
}
