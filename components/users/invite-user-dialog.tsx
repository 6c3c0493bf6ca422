"use client";

import { useMutation } from "@apollo/client/react";
import { type FormEvent, useState } from "react";
import { emailProblem } from "@/lib/user-rules";
import { FormAlert } from "@/components/ui/form-alert";
import { type FieldErrors, useFormErrors } from "@/components/console/use-form-errors";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";
import type { PasswordLinkShown } from "./password-link-dialog";
import { RoleField, type Role } from "./role-field";
import { InviteUserDocument } from "./users.generated";

const FIELDS = ["email", "role"] as const;
type Field = (typeof FIELDS)[number];
const FORM_ID = "invite-user";

function validate(email: string): FieldErrors<Field> {
  const problem = emailProblem(email);
  return problem ? { email: problem } : {};
}

/**
 * Invites a user with a role: the account exists at once, and a one-time link
 * lets the person choose their password. The answer holds the link, so the
 * mutation bypasses the Apollo cache and the link goes straight to `onInvited`.
 */
export function InviteUserDialog({
  open,
  onOpenChange,
  onInvited,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onInvited: (link: PasswordLinkShown) => void;
}) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("VIEWER");
  const [saving, setSaving] = useState(false);
  const [invite] = useMutation(InviteUserDocument, { fetchPolicy: "no-cache", refetchQueries: ["Users"] });
  const form = useFormErrors(FIELDS, validate(email));

  function reset() {
    setEmail("");
    setRole("VIEWER");
    form.reset();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.validateAll()) return;
    setSaving(true);
    try {
      const { data } = await invite({ variables: { in: { email: email.trim(), role } } });
      const link = data!.inviteUser;
      reset();
      onInvited({ url: link.url, expiresAt: link.expiresAt, email: link.user.email, kind: "invitation" });
    } catch (error) {
      form.showProblem(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (saving) return;
        if (!next) reset();
        onOpenChange(next);
      }}
      title="Invite user"
      description="They get a one-time link to choose their own password. You send it to them."
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={() => onOpenChange(false)} disabled={saving}>
            Cancel
          </button>
          <button type="submit" form={FORM_ID} className="btn btn-primary" disabled={saving}>
            {saving ? "Inviting…" : "Invite"}
          </button>
        </>
      }
    >
      <form id={FORM_ID} onSubmit={submit} noValidate aria-busy={saving}>
        <FormAlert message={form.formError} />
        <TextField
          id="invite-email"
          label="Email"
          type="email"
          autoComplete="off"
          value={email}
          onChange={(value) => {
            setEmail(value);
            form.edited("email");
          }}
          onBlur={() => form.touch("email")}
          error={form.errorOf("email")}
          hint="Their sign-in name."
          required
          autoFocus
        />
        <RoleField id="invite-role" value={role} onChange={setRole} error={form.errorOf("role")} />
      </form>
    </Dialog>
  );
}
