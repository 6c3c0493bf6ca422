"use client";

import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { useFormErrors, useFormSubmit } from "@/components/console/use-form-errors";
import { FormDialog } from "@/components/ui/form-dialog";
import { useToast } from "@/components/ui/toast";
import { ROLE_WORDS, RoleField, type Role } from "./role-field";
import { ChangeUserRoleDocument } from "./users.generated";

const FIELDS = ["role"] as const;

/** Changes a user's role; it applies from their next request. The server refuses to demote the last admin. */
export function ChangeRoleDialog({ user, onOpenChange }: { user: { id: string; email: string; role: Role }; onOpenChange: (open: boolean) => void }) {
  const toast = useToast();
  const [role, setRole] = useState<Role>(user.role);
  const [change] = useMutation(ChangeUserRoleDocument);
  const form = useFormErrors(FIELDS, {});
  const { submission } = useFormSubmit(form, async () => {
    if (role !== user.role) {
      await change({ variables: { id: user.id, role } });
      toast.success(`${user.email} is now ${ROLE_WORDS[role].label === "Admin" ? "an admin" : "a viewer"}`);
    }
    onOpenChange(false);
  });

  return (
    <FormDialog
      title={`Change the role of ${user.email}`}
      description="The new role applies from their next request; they stay signed in."
      {...submission}
      submitLabel="Save role"
      onClose={() => onOpenChange(false)}
    >
      <RoleField id="change-role-role" value={role} onChange={setRole} error={form.errorOf("role")} />
    </FormDialog>
  );
}
