"use client";

import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { emailProblem } from "@/lib/user-rules";
import { type FieldErrors, useFormErrors, useFormSubmit } from "@/components/console/use-form-errors";
import { FormDialog } from "@/components/ui/form-dialog";
import { TextField } from "@/components/ui/text-field";
import type { PasswordLinkShown } from "./password-link-dialog";
import { RoleField, type Role } from "./role-field";
import { InviteUserDocument } from "./users.generated";

const FIELDS = ["email", "role"] as const;
type Field = (typeof FIELDS)[number];

function validate(email: string): FieldErrors<Field> {
  const problem = emailProblem(email);
  return problem ? { email: problem } : {};
}

/**
 * Invites a user with a role: the account exists at once, and a one-time link
 * lets the person choose their password. The answer holds the link, so the
 * mutation bypasses the Apollo cache and the link goes straight to `onInvited`.
 */
export function InviteUserDialog({ onClose, onInvited }: { onClose: () => void; onInvited: (link: PasswordLinkShown) => void }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("VIEWER");
  const [invite] = useMutation(InviteUserDocument, { fetchPolicy: "no-cache", refetchQueries: ["Users"] });
  const form = useFormErrors(FIELDS, validate(email), { touchOnBlur: true });
  const { submission } = useFormSubmit(form, async () => {
    const { data } = await invite({ variables: { in: { email: email.trim(), role } } });
    const link = data!.inviteUser;
    onInvited({ url: link.url, expiresAt: link.expiresAt, email: link.user.email, kind: "invitation" });
  });

  return (
    <FormDialog
      title="Invite user"
      description="They get a one-time link to choose their own password. You send it to them."
      {...submission}
      submitLabel="Invite"
      savingLabel="Inviting…"
      onClose={onClose}
    >
      <TextField
        id="invite-email"
        label="Email"
        type="email"
        autoComplete="off"
        {...form.bind("email", email, setEmail)}
        hint="Their sign-in name."
        required
        autoFocus
      />
      <RoleField id="invite-role" value={role} onChange={setRole} error={form.errorOf("role")} />
    </FormDialog>
  );
}
