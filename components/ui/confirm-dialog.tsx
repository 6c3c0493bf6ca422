"use client";

import { type ReactNode, useState } from "react";
import { Dialog } from "./dialog";

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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onOpenChange(false);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!busy) {
          setError(null);
          onOpenChange(next);
        }
      }}
      title={title}
      description={description}
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={() => onOpenChange(false)} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" onClick={confirm} disabled={busy || confirmDisabled}>
            {busy ? "Working…" : confirmLabel}
          </button>
        </>
      }
    >
      {children}
      {error ? (
        <div className="alert" role="alert">
          {error}
        </div>
      ) : null}
    </Dialog>
  );
}
