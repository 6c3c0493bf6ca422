"use client";

import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { useFormErrors } from "@/components/console/use-form-errors";
import { PageFormActions, dropList, usePageSubmit } from "@/components/console/page-form";
import { DescriptionField } from "@/components/ui/description-field";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { CreateApplicationTemplateDocument, UpdateApplicationTemplateDocument } from "./application-templates.generated";
import { TEMPLATE_KIND } from "./template-kind";

const FIELDS = ["name", "description", "applicationInput", "placeholders"] as const;

interface Template {
  id: string;
  name: string;
  description: string | null;
  applicationInput: string;
  placeholders: readonly { name: string; description: string | null; jsonPath: string | null; optional: boolean | null }[];
}

const EXAMPLE_INPUT = JSON.stringify({ name: "{{name}}", description: "{{display-name}}", providerName: "Example provider" }, null, 2);
const EXAMPLE_PLACEHOLDERS = JSON.stringify(
  [
    { name: "name", description: "The application's name in the tenant", jsonPath: "$.name" },
    { name: "display-name", description: "What people see", jsonPath: "$.displayName" },
  ],
  null,
  2,
);

/** The JSON of a field, or the reason it is not JSON of the expected shape. */
function parsed(text: string, shape: "object" | "array"): { value?: unknown; problem?: string } {
  try {
    const value = JSON.parse(text);
    const ok = shape === "array" ? Array.isArray(value) : value !== null && typeof value === "object" && !Array.isArray(value);
    return ok ? { value } : { problem: shape === "array" ? "A JSON list of placeholders" : "A JSON object" };
  } catch {
    return { problem: "Not valid JSON" };
  }
}

/**
 * Creates or edits an application template (admins): its name, description,
 * the application input as JSON with `{{placeholders}}` in its strings, and the
 * placeholders as a JSON list. The server checks the input as an application
 * registration and puts its verdict on the field it names.
 */
export function TemplateForm({ template }: { template?: Template }) {
  const [name, setName] = useState(template?.name ?? "");
  const [description, setDescription] = useState(template?.description ?? "");
  const [applicationInput, setApplicationInput] = useState(template ? JSON.stringify(JSON.parse(template.applicationInput), null, 2) : EXAMPLE_INPUT);
  const [placeholders, setPlaceholders] = useState(template ? JSON.stringify(template.placeholders, null, 2) : EXAMPLE_PLACEHOLDERS);
  const [create] = useMutation(CreateApplicationTemplateDocument, { update: dropList("applicationTemplates") });
  const [update] = useMutation(UpdateApplicationTemplateDocument, { update: dropList("applicationTemplates") });
  const input = parsed(applicationInput, "object");
  const list = parsed(placeholders, "array");
  const form = useFormErrors(
    FIELDS,
    { name: name.trim() ? undefined : "Required", applicationInput: input.problem, placeholders: list.problem },
    { touchOnBlur: true },
  );
  const { saving, submit, cancelHref } = usePageSubmit(form, { list: TEMPLATE_KIND.list.href, editing: template }, async () => {
    const fields = {
      name: name.trim(),
      description: description.trim() || null,
      applicationInput: input.value as { name: string },
      placeholders: list.value as { name: string }[],
      accessLevel: "GLOBAL" as const,
    };
    return template
      ? (await update({ variables: { id: template.id, in: fields } })).data!.updateApplicationTemplate
      : (await create({ variables: { in: fields } })).data!.createApplicationTemplate;
  });
  /** A JSON field: a box of many lines, with its value, change and error. */
  const jsonField = (field: "applicationInput" | "placeholders", value: string, setValue: (value: string) => void) => ({
    id: field,
    multiline: true,
    ...form.bind(field, value, setValue),
  });

  return (
    <form className="card form-card" onSubmit={submit} noValidate aria-busy={saving}>
      <FormAlert message={form.formError} />
      <TextField id="name" label="Name" {...form.bind("name", name, setName)} hint="ASCII, at most 100 characters, e.g. “SAP Example”." required autoFocus />
      <DescriptionField id="description" {...form.bind("description", description, setDescription)} />
      <TextField
        label="Application input (JSON)"
        {...jsonField("applicationInput", applicationInput, setApplicationInput)}
        hint="What registerApplication takes (name, description, labels, webhooks, bundles…); write {{placeholder}} inside strings."
        required
      />
      <TextField
        label="Placeholders (JSON)"
        {...jsonField("placeholders", placeholders, setPlaceholders)}
        hint="A list of { name, description, jsonPath, optional }; each must be used in the application input."
      />
      <PageFormActions saving={saving} label={template ? "Save changes" : "Create template"} cancelHref={cancelHref} />
    </form>
  );
}
