"use client";

import { useMutation } from "@apollo/client/react";
import { useId, useState } from "react";
import { asProblemError } from "../console/graphql-problem";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { useToast } from "../ui/toast";
import { DeleteTenantDocument } from "./tenants.generated";

/**
 * Deleting a tenant that still holds applications is refused unless the
 * admin asks, explicitly, for its applications to go with it.
 */
export function DeleteTenantDialog({
  tenant,
  onClose,
  onDeleted,
}: {
  tenant: { id: string; name: string };
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const toast = useToast();
  const [cascade, setCascade] = useState(false);
  const checkboxId = useId();
  const [deleteTenant] = useMutation(DeleteTenantDocument, {
    refetchQueries: ["TenantList"],
    update(cache, { data }) {
      if (!data) return;
      cache.evict({ id: cache.identify({ __typename: "Tenant", id: data.deleteTenant.id }) });
      cache.gc();
    },
  });
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Delete tenant ${tenant.name}?`}
      description="Callers naming it in the tenant header get NOT_FOUND from then on. This cannot be undone."
      confirmLabel="Delete tenant"
      onConfirm={async () => {
        try {
          await deleteTenant({ variables: { id: tenant.id, cascade } });
        } catch (error) {
          throw asProblemError(error);
        }
        toast.success(`Deleted tenant ${tenant.name}`);
        onDeleted?.();
      }}
    >
      <label className="checkbox" htmlFor={checkboxId}>
        <input id={checkboxId} type="checkbox" checked={cascade} onChange={(event) => setCascade(event.target.checked)} />
        Also unregister every application in this tenant
      </label>
    </ConfirmDialog>
  );
}
