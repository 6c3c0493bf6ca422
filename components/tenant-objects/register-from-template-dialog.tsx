"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import { type FormEvent, useState } from "react";
import { graphqlProblem } from "@/components/console/graphql-problem";
import { inTenant } from "./tenant-context";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useToast } from "@/components/ui/toast";
import { RegisterApplicationFromTemplateDocument, TemplatePickerDocument, TemplatePlaceholdersDocument } from "./register-from-template.generated";

/** The most templates the picker offers; more are found by the Templates page's search. */
const PICKER_SIZE = 200;

/**
 * "Register from template" on a tenant's applications: pick a template, fill
 * in a field per placeholder (its description as help text, optional ones
 * marked), and register. The server's verdict on a value lands on that
 * placeholder's field; anything else above the form.
 */
export function RegisterFromTemplateDialog({ tenantId, onClose, onRegistered }: { tenantId: string; onClose: () => void; onRegistered: (id: string) => void }) {
  const toast = useToast();
  const templates = useQuery(TemplatePickerDocument, { variables: { first: PICKER_SIZE } });
  const options = templates.data?.applicationTemplates.data ?? [];
  const [templateId, setTemplateId] = useState("");
  const chosen = templateId || options[0]?.id || "";
  const detail = useQuery(TemplatePlaceholdersDocument, { variables: { id: chosen }, skip: !chosen });
  const template = detail.data?.applicationTemplate;
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [register] = useMutation(RegisterApplicationFromTemplateDocument, { context: inTenant(tenantId) });

  const placeholders = template?.placeholders ?? [];
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!template) return;
    const missing = Object.fromEntries(placeholders.filter((p) => !p.optional && !values[p.name]?.trim()).map((p) => [p.name, "Required"]));
    setErrors(missing);
    setFormError(null);
    if (Object.keys(missing).length) return;
    // Only the filled ones are sent: an optional placeholder left empty is left out.
    const sent = placeholders.filter((p) => values[p.name]?.trim()).map((p) => ({ placeholder: p.name, value: values[p.name] }));
    setSaving(true);
    try {
      const data = await register({ variables: { in: { id: template.id, templateName: template.name, values: sent } } });
      const app = data.data!.registerApplicationFromTemplate;
      toast.success(`Registered ${app.name}`);
      onRegistered(app.id);
    } catch (error) {
      const problem = graphqlProblem(error);
      const at = /^in\.values\[(\d+)\]/.exec(problem.field ?? "");
      const placeholder = at ? sent[Number(at[1])]?.placeholder : undefined;
      if (placeholder) setErrors({ [placeholder]: problem.message });
      else setFormError(problem.message);
      setSaving(false);
    }
  }

  return (
    <FormDialog
      title="Register from template"
      description="The template's application input, with the placeholders filled in, is registered in this tenant."
      wide
      saving={saving}
      formError={formError ?? (templates.error ? graphqlProblem(templates.error).message : null)}
      submitLabel="Register application"
      savingLabel="Registering…"
      onSubmit={submit}
      onClose={onClose}
    >
      {options.length === 0 && !templates.loading ? (
        <p className="muted">No application templates exist yet: an integration system or an admin publishes them first.</p>
      ) : (
        <SelectField
          id="template"
          label="Template"
          value={chosen}
          options={options.map((option) => ({ value: option.id, label: option.name }))}
          onChange={(id) => {
            setTemplateId(id);
            setValues({});
            setErrors({});
          }}
        />
      )}
      {template && placeholders.length === 0 ? <p className="muted">This template has no placeholders: its application is registered as it is.</p> : null}
      {placeholders.map((placeholder) => (
        <TextField
          key={`${template?.id}-${placeholder.name}`}
          id={`placeholder-${placeholder.name}`}
          label={placeholder.optional ? `${placeholder.name} (optional)` : placeholder.name}
          value={values[placeholder.name] ?? ""}
          onChange={(value) => {
            setValues((current) => ({ ...current, [placeholder.name]: value }));
            setErrors((current) => ({ ...current, [placeholder.name]: "" }));
          }}
          error={errors[placeholder.name] || null}
          hint={placeholder.description ?? undefined}
          required={!placeholder.optional}
        />
      ))}
    </FormDialog>
  );
}
