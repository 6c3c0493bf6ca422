"use client";

import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { type FieldErrors, useDialogSubmit, useFormErrors } from "@/components/console/use-form-errors";
import { inTenant, type TenantDialogProps } from "@/components/tenant-objects/tenant-context";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { DEFAULT_FORMATION_TEMPLATE_NAME } from "@/lib/compass-enums";
import { CreateFormationDocument } from "./formations.generated";

// The API names the fields so (`formation.name`), and the form's errors land on them.
const FIELDS = ["formation.name", "formation.templateName"] as const;
type Field = (typeof FIELDS)[number];
/** Compass's bound on a scenario name (the API checks its characters too). */
const NAME_MAX = 128;

/** Creates a formation in the tenant from a template, Compass's default one unless another is picked. */
export function CreateFormationDialog({ tenantId, templates, onClose, onSaved }: TenantDialogProps & { templates: readonly { id: string; name: string }[] }) {
  const [name, setName] = useState("");
  const [templateName, setTemplateName] = useState(DEFAULT_FORMATION_TEMPLATE_NAME);
  const [create] = useMutation(CreateFormationDocument, { context: inTenant(tenantId) });
  const ruleErrors: FieldErrors<Field> = name.trim() ? {} : { "formation.name": "Give the formation a name" };
  const form = useFormErrors(FIELDS, ruleErrors);
  const options = (templates.some((template) => template.name === templateName) ? templates : [{ id: "", name: templateName }, ...templates]).map(
    (template) => ({ value: template.name, label: template.name }),
  );

  const { submission } = useDialogSubmit(
    form,
    async () => {
      const { data } = await create({ variables: { formation: { name: name.trim(), templateName } } });
      return `Created the formation ${data!.createFormation.name}`;
    },
    { onSaved, onClose },
  );

  return (
    <FormDialog title="Create formation" {...submission} submitLabel="Create formation" onClose={onClose}>
      <TextField
        id="formation-name"
        label="Name"
        {...form.bind("formation.name", name, setName)}
        hint="Letters, digits, spaces, “-” and “_”, starting and ending with a letter or digit; unique in the tenant."
        maxLength={NAME_MAX}
        required
        autoFocus
      />
      <SelectField id="formation-template" label="Template" options={options} {...form.bind("formation.templateName", templateName, setTemplateName)} />
    </FormDialog>
  );
}
