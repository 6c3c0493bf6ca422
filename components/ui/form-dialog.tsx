"use client";

import type { FormEvent, ReactNode } from "react";
import { Dialog } from "./dialog";
import { FormAlert } from "./form-alert";

/**
 * A dialog around one form: the form's error above its fields, then Cancel
 * and submit. It cannot be closed while saving, so a save in flight is never
 * left without its answer. It is open while mounted: its opener mounts it
 * to open it, so every opening starts from a fresh form.
 */
export function FormDialog({
  title,
  description,
  wide,
  saving,
  formError,
  submitLabel,
  savingLabel = "Saving…",
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  description?: ReactNode;
  wide?: boolean;
  saving: boolean;
  formError: string | null;
  /** The submit button's words; `savingLabel` while it runs. */
  submitLabel: string;
  savingLabel?: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog open wide={wide} onOpenChange={(open) => !open && !saving && onClose()} title={title} description={description}>
      <form onSubmit={onSubmit} noValidate aria-busy={saving}>
        <FormAlert message={formError} />
        {children}
        <div className="dialog-footer">
          <button type="button" className="btn btn-secondary" onClick={onClose} disabled={saving}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={saving}>
            {saving ? savingLabel : submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
