"use client";

import type { ReactNode } from "react";
import { type RemoveVerb, UnregisterDialog } from "./unregister-dialog";
import type { ObjectKindName } from "./console-kind";

/** Which dialog a table of applications or runtimes has open, and for which row. */
export type ObjectListDialog<T> = { kind: "register" } | { kind: "edit" | "unregister"; item: T } | null;

/**
 * The register, edit and unregister dialogs of an application's or a
 * runtime's table; each refetches the list once it has changed it.
 */
export function ObjectListDialogs<T extends { id: string; name: string }>({
  kind,
  dialog,
  formDialog,
  unregister,
  unregisterDescription,
  onClose,
  onChanged,
  removeVerb,
}: {
  kind: ObjectKindName;
  dialog: ObjectListDialog<T>;
  /** The register form without an item, the edit form with one. */
  formDialog: (item: T | undefined) => ReactNode;
  unregister: (item: T) => Promise<unknown>;
  unregisterDescription: string;
  onClose: () => void;
  /** Awaited before the dialog closes (see UnregisterDialog). */
  onChanged: () => unknown;
  removeVerb?: RemoveVerb;
}) {
  if (!dialog) return null;
  if (dialog.kind === "register") return formDialog(undefined);
  if (dialog.kind === "edit") return formDialog(dialog.item);
  return (
    <UnregisterDialog
      kind={kind}
      name={dialog.item.name}
      description={unregisterDescription}
      unregister={() => unregister(dialog.item)}
      onClose={onClose}
      onDone={onChanged}
      verb={removeVerb}
    />
  );
}
