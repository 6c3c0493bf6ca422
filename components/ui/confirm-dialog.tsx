"use client";

import type { ReactNode } from "react";
import { Dialog } from "./dialog";
import { FormAlert } from "./form-alert";
import { useAction } from "./use-action";

/**
 * Asks before an action: a destructive one (the default), or with `tone`
 * "primary" one that only adds (generate credentials, request a token). The
 * confirm button shows progress and the dialog stays open on failure, with
 * the error, so nothing happens silently.
 */
export function ConfirmDialog({
  open = true,
  onOpenChange,
  title,
  description,
  confirmLabel,
  onConfirm,
  confirmDisabled = false,
  tone = "danger",
  busyLabel = "Working…",
  describeFailure,
  children,
}: {
  /** Open while mounted unless told: its opener mounts it to ask. */
  open?: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** Resolves when done; a thrown error's message is shown in the dialog. */
  onConfirm: () => Promise<void>;
  /** Not yet: what the action depends on is still loading, or the user has not agreed to what goes with it. */
  confirmDisabled?: boolean;
  tone?: "danger" | "primary";
  /** The confirm button's words while the action runs. */
  busyLabel?: string;
  /** Turns a failure into the words shown (by default its message). */
  describeFailure?: (failure: unknown) => string;
  /** Options that shape the action, such as "also delete what it holds". */
  children?: ReactNode;
}) {
  const action = useAction(describeFailure);

  async function confirm() {
    if (await action.run(onConfirm)) onOpenChange(false);
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!action.busy) {
          action.clearError();
          onOpenChange(next);
        }
      }}
      title={title}
      description={description}
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={() => onOpenChange(false)} disabled={action.busy}>
            Cancel
          </button>
          <button type="button" className={`btn btn-${tone}`} onClick={confirm} disabled={action.busy || confirmDisabled}>
            {action.busy ? busyLabel : confirmLabel}
          </button>
        </>
      }
    >
      {children}
      <FormAlert message={action.error} />
    </Dialog>
  );
}
