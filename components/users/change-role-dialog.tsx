"use client";

import { useMutation } from "@apollo/client/react";
import { type FormEvent, useState } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { useFormErrors } from "@/components/console/use-form-errors";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { ROLE_WORDS, RoleField, type Role } from "./role-field";
import { ChangeUserRoleDocument } from "./users.generated";

const FIELDS = ["role"] as const;
const FORM_ID = "change-role";

/** Changes a user's role; it applies from their next request. The server refuses to demote the last admin. */
export function ChangeRoleDialog({ user, onOpenChange }: { user: { id: string; email: string; role: Role }; onOpenChange: (open: boolean) => void }) {
  const toast = useToast();
  const [role, setRole] = useState<Role>(user.role);
  const [saving, setSaving] = useState(false);
  const [change] = useMutation(ChangeUserRoleDocument);
  const form = useFormErrors(FIELDS, {});

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (role === user.role) {
      onOpenChange(false);
      return;
    }
    setSaving(true);
    try {
      await change({ variables: { id: user.id, role } });
      toast.success(`${user.email} is now ${ROLE_WORDS[role].label === "Admin" ? "an admin" : "a viewer"}`);
      onOpenChange(false);
    } catch (error) {
      form.showProblem(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog
      open
      onOpenChange={(next) => !saving && onOpenChange(next)}
      title={`Change the role of ${user.email}`}
      description="The new role applies from their next request; they stay signed in."
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={() => onOpenChange(false)} disabled={saving}>
            Cancel
          </button>
          <button type="submit" form={FORM_ID} className="btn btn-primary" disabled={saving}>
            {saving ? "Saving…" : "Save role"}
          </button>
        </>
      }
    >
      <form id={FORM_ID} onSubmit={submit} noValidate aria-busy={saving}>
        <FormAlert message={form.formError} />
        <RoleField id="change-role-role" value={role} onChange={setRole} error={form.errorOf("role")} />
      </form>
    </Dialog>
  );
}
