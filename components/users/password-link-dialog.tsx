"use client";

import { Timestamp } from "@/components/ui/timestamp";
import { OneTimeSecretDialog } from "@/components/ui/one-time-secret-dialog";

export interface PasswordLinkShown {
  url: string;
  expiresAt: string;
  email: string;
  /** An invitation (a new user) or a reset (an existing one). */
  kind: "invitation" | "reset";
}

/** The one moment a password link exists outside the server: shown once, dropped by `onClose`. */
export function PasswordLinkDialog({ link, onClose }: { link: PasswordLinkShown; onClose: () => void }) {
  return (
    <OneTimeSecretDialog
      title={link.kind === "invitation" ? `${link.email} invited` : `Password reset link for ${link.email}`}
      intro={
        <>
          Send this link to {link.email} over a channel you trust. It works once, until <Timestamp iso={link.expiresAt} />, and lets them choose{" "}
          {link.kind === "invitation" ? "their" : "a new"} password.
          {link.kind === "reset" ? " Their current password keeps working until then; once they use the link, all their sessions end." : ""}
        </>
      }
      values={[{ label: "Link", value: link.url }]}
      acknowledgement="I have copied the link"
      afterwards="the server keeps only a hash of it. Create a new link if this one is lost."
      onClose={onClose}
    />
  );
}
