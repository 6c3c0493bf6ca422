"use client";

import { useMutation } from "@apollo/client/react";
import { inApiWords } from "@/components/console/graphql-problem";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { PasswordLinkShown } from "./password-link-dialog";
import { CreatePasswordResetLinkDocument } from "./users.generated";

/** Asks before creating a reset link (it replaces any earlier one), then hands the link to `onCreated` to show once. */
export function ResetPasswordDialog({
  user,
  onOpenChange,
  onCreated,
}: {
  user: { id: string; email: string };
  onOpenChange: (open: boolean) => void;
  onCreated: (link: PasswordLinkShown) => void;
}) {
  const [create] = useMutation(CreatePasswordResetLinkDocument, { fetchPolicy: "no-cache" });
  return (
    <ConfirmDialog
      onOpenChange={onOpenChange}
      title={`Reset the password of ${user.email}?`}
      description="You get a one-time link to send them; it works for 24 hours and replaces any earlier link. Their current password keeps working until they use it."
      confirmLabel="Create reset link"
      onConfirm={async () => {
        const { data } = await inApiWords(create({ variables: { id: user.id } }));
        const link = data!.createPasswordResetLink;
        onCreated({ url: link.url, expiresAt: link.expiresAt, email: link.user.email, kind: "reset" });
      }}
    />
  );
}
