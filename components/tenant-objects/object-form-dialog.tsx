"use client";

import type { FormEvent, ReactNode } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { Dialog } from "@/components/ui/dialog";
import { NameAndDescriptionFields } from "./name-and-description";
import type { ObjectKindName } from "./console-kind";

/**
 * The dialog that registers or edits an application or a runtime: name and
 * description, then the kind's own fields (`children`), Cancel and submit.
 * It cannot be closed while saving.
 */
export function ObjectFormDialog({
  kind,
  editing,
  saving,
  formError,
  onSubmit,
  onClose,
  name,
  description,
  onNameChange,
  onDescriptionChange,
  errorOf,
  children,
}: {
  kind: ObjectKindName;
  editing: boolean;
  saving: boolean;
  formError: string | null;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onClose: () => void;
  name: string;
  description: string;
  onNameChange: (value: string) => void;
  onDescriptionChange: (value: string) => void;
  errorOf: (field: "name" | "description") => string | undefined;
  children?: ReactNode;
}) {
  return (
    <Dialog open onOpenChange={(open) => !open && !saving && onClose()} title={editing ? `Edit ${kind}` : `Register ${kind}`}>
      <form onSubmit={onSubmit} noValidate aria-busy={saving}>
        <FormAlert message={formError} />
        <NameAndDescriptionFields
          idPrefix={kind}
          name={name}
          description={description}
          onNameChange={onNameChange}
          onDescriptionChange={onDescriptionChange}
          errorOf={errorOf}
        />
        {children}
        <div className="dialog-footer">
          <button type="button" className="btn btn-secondary" onClick={onClose} disabled={saving}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={saving}>
            {saving ? "Saving…" : editing ? "Save changes" : `Register ${kind}`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
