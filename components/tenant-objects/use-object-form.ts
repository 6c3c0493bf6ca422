"use client";

import { type FormEvent, useState } from "react";
import { useFormErrors } from "@/components/console/use-form-errors";
import { useToast } from "@/components/ui/toast";
import { nameAndDescriptionProblems } from "@/components/console/name-rules";

/**
 * The state an application's or a runtime's form dialog shares: name and
 * description with their rules, the error display and the save cycle (check,
 * send, report, close; on failure the dialog stays open with the problem).
 * `fields` lists every field the API may name in an error.
 */
export function useObjectForm<F extends string>({
  fields,
  initial,
  onClose,
}: {
  fields: readonly (F | "name" | "description")[];
  initial: { name: string; description?: string | null } | undefined;
  onClose: () => void;
}) {
  const toast = useToast();
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [saving, setSaving] = useState(false);
  const form = useFormErrors<F | "name" | "description">(fields, nameAndDescriptionProblems<F>(name, description));

  /** An onChange that also marks the field as edited. */
  const change = form.changeOf;

  /** A submit handler: `send` gets the trimmed name and description and runs the mutation; `saved` gets its result. */
  function submitWith<T>(send: (fields: { name: string; description: string | null }) => Promise<T>, saved: (result: T) => void) {
    return async (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (!form.validateAll()) return;
      setSaving(true);
      const trimmed = { name: name.trim(), description: description.trim() || null };
      try {
        const result = await send(trimmed);
        toast.success(initial ? `Saved ${trimmed.name}` : `Registered ${trimmed.name}`);
        saved(result);
        onClose();
      } catch (error) {
        form.showProblem(error);
        setSaving(false);
      }
    };
  }

  /** What `ObjectFormDialog` needs besides kind, submit and the kind's own fields. */
  const dialogProps = {
    editing: !!initial,
    saving,
    formError: form.formError,
    onClose,
    name,
    description,
    onNameChange: change("name", setName),
    onDescriptionChange: change("description", setDescription),
    errorOf: form.errorOf,
  };

  return { form, change, submitWith, dialogProps };
}
