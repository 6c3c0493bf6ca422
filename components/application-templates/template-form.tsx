"use client";

import type { ApolloCache } from "@apollo/client";
import { useMutation } from "@apollo/client/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useFormErrors, useFormSubmit } from "@/components/console/use-form-errors";
import { DescriptionField } from "@/components/ui/description-field";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { useToast } from "@/components/ui/toast";
import { CreateApplicationTemplateDocument, UpdateApplicationTemplateDocument } from "./application-templates.generated";

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
  const router = useRouter();
  const toast = useToast();
  const [name, setName] = useState(template?.name ?? "");
  const [description, setDescription] = useState(template?.description ?? "");
  const [applicationInput, setApplicationInput] = useState(template ? JSON.stringify(JSON.parse(template.applicationInput), null, 2) : EXAMPLE_INPUT);
  const [placeholders, setPlaceholders] = useState(template ? JSON.stringify(template.placeholders, null, 2) : EXAMPLE_PLACEHOLDERS);
  const dropLists = (cache: ApolloCache) => {
    cache.evict({ id: "ROOT_QUERY", fieldName: "applicationTemplates" });
    cache.gc();
  };
  const [create] = useMutation(CreateApplicationTemplateDocument, { update: dropLists });
  const [update] = useMutation(UpdateApplicationTemplateDocument, { update: dropLists });
  const input = parsed(applicationInput, "object");
  const list = parsed(placeholders, "array");
  const form = useFormErrors(
    FIELDS,
    { name: name.trim() ? undefined : "Required", applicationInput: input.problem, placeholders: list.problem },
    { touchOnBlur: true },
  );
  const { saving, submit } = useFormSubmit(
    form,
    async () => {
      const fields = {
        name: name.trim(),
        description: description.trim() || null,
        applicationInput: input.value as { name: string },
        placeholders: list.value as { name: string }[],
        accessLevel: "GLOBAL" as const,
      };
      const id = template
        ? (await update({ variables: { id: template.id, in: fields } })).data!.updateApplicationTemplate.id
        : (await create({ variables: { in: fields } })).data!.createApplicationTemplate.id;
      toast.success(template ? `Saved ${fields.name}` : `Created ${fields.name}`);
      router.push(`/application-templates/${id}`);
    },
    { leavesOnSuccess: true },
  );
  // The server names nested fields (`in.applicationInput.healthCheckURL`, `in.placeholders[1].name`): shown on the field holding them.
  const nested = (field: "applicationInput" | "placeholders") => form.errorOf(field);

  return (
    <form className="card form-card" onSubmit={submit} noValidate aria-busy={saving}>
      <FormAlert message={form.formError} />
      <TextField id="name" label="Name" {...form.bind("name", name, setName)} hint="ASCII, at most 100 characters, e.g. “SAP Example”." required autoFocus />
      <DescriptionField id="description" {...form.bind("description", description, setDescription)} />
      <TextField
        id="applicationInput"
        label="Application input (JSON)"
        multiline
        {...form.bind("applicationInput", applicationInput, setApplicationInput)}
        error={nested("applicationInput")}
        hint="What registerApplication takes (name, description, labels, webhooks, bundles…); write {{placeholder}} inside strings."
        required
      />
      <TextField
        id="placeholders"
        label="Placeholders (JSON)"
        multiline
        {...form.bind("placeholders", placeholders, setPlaceholders)}
        error={nested("placeholders")}
        hint="A list of { name, description, jsonPath, optional }; each must be used in the application input."
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? "Saving…" : template ? "Save changes" : "Create template"}
        </button>
        <Link className="btn btn-secondary" href={template ? `/application-templates/${template.id}` : "/application-templates"}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
