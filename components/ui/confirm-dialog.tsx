"use client";

import type { ReactNode } from "react";
import { Dialog } from "./dialog";
import { FormAlert } from "./form-alert";
import { useAction } from "./use-action";

/**
 * Asks before a destructive action. The confirm button shows progress and the
 * dialog stays open on failure, with the error, so nothing happens silently.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  onConfirm,
  confirmDisabled = false,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** Resolves when done; a thrown error's message is shown in the dialog. */
  onConfirm: () => Promise<void>;
  /** Not yet: what the action depends on is still loading, or the user has not agreed to what goes with it. */
  confirmDisabled?: boolean;
  /** Options that shape the action, such as "also delete what it holds". */
  children?: ReactNode;
}) {
  const action = useAction();

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
          <button type="button" className="btn btn-danger" onClick={confirm} disabled={action.busy || confirmDisabled}>
            {action.busy ? "Working…" : confirmLabel}
          </button>
        </>
      }
    >
      {children}
      <FormAlert message={action.error} />
    </Dialog>
  );
}
