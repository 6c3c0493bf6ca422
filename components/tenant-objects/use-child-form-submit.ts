"use client";

import { useDialogSubmit } from "@/components/console/use-form-errors";
import type { ChildFormProps } from "./console-kind";

/**
 * The save cycle of a child kind's form dialog (a bundle, an API or event
 * definition, a runtime context): `save` adds under the parent when given no
 * id, or updates the object being edited, and answers the name it saved; the
 * toast says "Added <name>" or "Saved <name>", then the opener hears of it and
 * the dialog closes.
 */
export function useChildFormSubmit(
  form: Parameters<typeof useDialogSubmit>[0],
  { object, onSaved, onClose }: Pick<ChildFormProps<{ id: string }>, "object" | "onSaved" | "onClose">,
  save: (id: string | undefined) => Promise<string>,
) {
  return useDialogSubmit(
    form,
    async () => {
      const name = await save(object?.id);
      return object ? `Saved ${name}` : `Added ${name}`;
    },
    { onSaved, onClose },
  );
}
