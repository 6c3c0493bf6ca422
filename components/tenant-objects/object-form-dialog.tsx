"use client";

import type { FormEvent, ReactNode } from "react";
import { NameAndDescriptionFields } from "./name-and-description";
import type { ObjectKindName } from "./console-kind";
import { addOrEditWords } from "@/components/ui/add-or-edit";
import { FormDialog } from "@/components/ui/form-dialog";

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
    <FormDialog {...addOrEditWords(editing, kind, "Register")} saving={saving} formError={formError} onSubmit={onSubmit} onClose={onClose}>
      <NameAndDescriptionFields
        idPrefix={kind}
        name={name}
        description={description}
        onNameChange={onNameChange}
        onDescriptionChange={onDescriptionChange}
        errorOf={errorOf}
      />
      {children}
    </FormDialog>
  );
}
