"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import { useId, useState } from "react";
import { inTenant } from "@/components/tenant-objects/tenant-context";
import { inApiWords } from "@/components/console/graphql-problem";
import { ProblemNotice } from "@/components/console/problem-notice";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { DeleteTenantDocument, TenantApplicationCountDocument } from "./tenants.generated";
import { evictDeleted } from "@/components/console/evict-deleted";

const applications = (count: number) => (count === 1 ? "1 application" : `${count} applications`);

/**
 * Deleting a tenant that still holds applications is refused unless the
 * admin asks, explicitly, for its applications to go with it. The dialog
 * says how many there are before anything is confirmed.
 */
export function DeleteTenantDialog({
  tenant,
  onClose,
  onDeleted,
}: {
  tenant: { internalID: string; name: string };
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const toast = useToast();
  const [cascade, setCascade] = useState(false);
  const checkboxId = useId();
  const count = useQuery(TenantApplicationCountDocument, { context: inTenant(tenant.internalID), fetchPolicy: "network-only" });
  const [deleteTenant] = useMutation(DeleteTenantDocument, {
    refetchQueries: ["TenantList"],
    update: evictDeleted((data) => data.deleteTenant),
  });
  const held = count.data?.applications.totalCount;
  const consequence = "Callers naming it in the tenant header get an error from then on. This cannot be undone.";
  let description: string;
  if (held === undefined) description = count.error ? consequence : "Checking what it holds…";
  else if (held > 0) description = `${tenant.name} has ${applications(held)}. Tick the box to unregister ${held === 1 ? "it" : "them"} too. ${consequence}`;
  else description = `${tenant.name} has no applications. ${consequence}`;

  return (
    <ConfirmDialog
      onOpenChange={(open) => !open && onClose()}
      title={`Delete tenant ${tenant.name}?`}
      description={description}
      confirmLabel="Delete tenant"
      // Unknown count: the box decides, as the server does; known and non-zero: the box must be ticked.
      confirmDisabled={held === undefined ? !count.error : held > 0 && !cascade}
      onConfirm={async () => {
        await inApiWords(deleteTenant({ variables: { id: tenant.internalID, cascade } }));
        toast.success(`Deleted tenant ${tenant.name}`);
        onDeleted?.();
      }}
    >
      {count.error ? <ProblemNotice what="Could not count its applications" error={count.error} onRetry={() => void count.refetch()} /> : null}
      {held === 0 ? null : (
        <label className="checkbox" htmlFor={checkboxId}>
          <input id={checkboxId} type="checkbox" checked={cascade} onChange={(event) => setCascade(event.target.checked)} />
          Also unregister {held === undefined ? "every application" : held === 1 ? "its application" : `its ${held} applications`}
        </label>
      )}
    </ConfirmDialog>
  );
}
