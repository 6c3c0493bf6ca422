"use client";

import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { NAME_MAX } from "@/lib/names";
import { nameAndDescriptionProblems } from "@/components/console/name-rules";
import { useFormErrors } from "@/components/console/use-form-errors";
import { PageFormActions, dropList, usePageSubmit } from "@/components/console/page-form";
import { DescriptionField } from "@/components/ui/description-field";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { CreateIntegrationSystemDocument, UpdateIntegrationSystemDocument } from "./integration-system-form.generated";
import { SYSTEM_KIND } from "./system-kind";

const FIELDS = ["name", "description"] as const;
type Field = (typeof FIELDS)[number];

/**
 * Creates an integration system, or edits one when `system` is given. Errors
 * show as soon as a field has been touched; the server's own errors (a
 * duplicate name, say) land on the field they name.
 */
export function IntegrationSystemForm({ system }: { system?: { id: string; name: string; description: string | null } }) {
  const [name, setName] = useState(system?.name ?? "");
  const [description, setDescription] = useState(system?.description ?? "");
  const [create] = useMutation(CreateIntegrationSystemDocument, { update: dropList("integrationSystems") });
  const [update] = useMutation(UpdateIntegrationSystemDocument, { update: dropList("integrationSystems") });

  const form = useFormErrors(FIELDS, nameAndDescriptionProblems<Field>(name, description), { touchOnBlur: true });
  const { saving, submit, cancelHref } = usePageSubmit(form, { list: SYSTEM_KIND.list.href, editing: system }, async () => {
    const input = { name: name.trim(), description: description.trim() || null };
    return system
      ? (await update({ variables: { id: system.id, in: input } })).data!.updateIntegrationSystem
      : (await create({ variables: { in: input } })).data!.createIntegrationSystem;
  });

  return (
    <form className="card form-card" onSubmit={submit} noValidate aria-busy={saving}>
      <FormAlert message={form.formError} />
      <TextField
        id="name"
        label="Name"
        {...form.bind("name", name, setName)}
        hint={`Letters, digits, spaces, '-', '_' and '.'; starts with a letter or digit; at most ${NAME_MAX} characters; unique ignoring case.`}
        required
        autoFocus
      />
      <DescriptionField id="description" {...form.bind("description", description, setDescription)} />
      <PageFormActions saving={saving} label={system ? "Save changes" : "Create integration system"} cancelHref={cancelHref} />
    </form>
  );
}
