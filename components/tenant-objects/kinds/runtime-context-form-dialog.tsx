"use client";

import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { type FieldErrors, useFormErrors } from "@/components/console/use-form-errors";
import { addOrEditWords } from "@/components/ui/add-or-edit";
import { FormDialog } from "@/components/ui/form-dialog";
import { KeyField } from "@/components/ui/key-field";
import { TextField } from "@/components/ui/text-field";
import type { ChildFormProps } from "../console-kind";
import { inTenant } from "../tenant-context";
import { useChildFormSubmit } from "../use-child-form-submit";
import { type EditableRuntimeContextFragment, RegisterRuntimeContextDocument, UpdateRuntimeContextDocument } from "./runtime-contexts.generated";

const FIELDS = ["key", "value", "labels"] as const;
type Field = (typeof FIELDS)[number];

/** Compass's rules for a runtime context's input, as the server checks them (domain/tenant-objects/kinds/runtime-context.ts). */
const KEY = /^[a-zA-Z0-9_]{1,512}$/;
const MAX_VALUE = 512;

/** Labels as the form shows them: one JSON object, empty for none. */
const labelsText = (labels: unknown) => (labels && typeof labels === "object" && Object.keys(labels).length ? JSON.stringify(labels, null, 2) : "");

/** The labels the text holds: undefined when empty, null when it is not a JSON object. */
function parseLabels(text: string): Record<string, unknown> | undefined | null {
  if (!text.trim()) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Adds a runtime context under a runtime, or edits its key, value and labels
 * (given labels replace all of them; an emptied field removes them).
 */
export function RuntimeContextFormDialog({ tenantId, parentId: runtimeId, object: context, onClose, onSaved }: ChildFormProps<EditableRuntimeContextFragment>) {
  const [key, setKey] = useState(context?.key ?? "");
  const [value, setValue] = useState(context?.value ?? "");
  const [labels, setLabels] = useState(labelsText(context?.labels));
  const [register] = useMutation(RegisterRuntimeContextDocument, { context: inTenant(tenantId) });
  const [update] = useMutation(UpdateRuntimeContextDocument, { context: inTenant(tenantId) });
  const parsedLabels = parseLabels(labels);

  const ruleErrors: FieldErrors<Field> = {};
  if (!KEY.test(key.trim())) ruleErrors.key = "A key is 1-512 letters, digits and underscores";
  if ([...value].length > MAX_VALUE) ruleErrors.value = `At most ${MAX_VALUE} characters`;
  if (parsedLabels === null) ruleErrors.labels = 'A JSON object, such as {"region": "eu"}';
  const form = useFormErrors(FIELDS, ruleErrors);

  const { submission } = useChildFormSubmit(form, { object: context, onSaved, onClose }, async (id) => {
    // On edit, an emptied labels field removes every label; on add, it sets none.
    const input = { key: key.trim(), value, labels: parsedLabels ?? (id ? {} : undefined) };
    if (id) await update({ variables: { id, in: input } });
    else await register({ variables: { runtimeId, in: input } });
    return input.key;
  });

  return (
    <FormDialog {...addOrEditWords(!!context, "runtime context")} {...submission} onClose={onClose}>
      <KeyField id="runtime-context-key" {...form.bind("key", key, setKey)} hint="Letters, digits and underscores, such as subscription." />
      <TextField id="runtime-context-value" label="Value" {...form.bind("value", value, setValue)} />
      <TextField
        id="runtime-context-labels"
        label="Labels"
        {...form.bind("labels", labels, setLabels)}
        hint={<>A JSON object of labels, checked against the tenant&apos;s label definitions; empty for none.</>}
        multiline
      />
    </FormDialog>
  );
}
