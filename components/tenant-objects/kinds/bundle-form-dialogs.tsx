"use client";

import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { type FieldErrors, useDialogSubmit, useFormErrors } from "@/components/console/use-form-errors";
import { addOrEditWords } from "@/components/ui/add-or-edit";
import { DescriptionField } from "@/components/ui/description-field";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import type { ChildFormProps } from "../console-kind";
import { inTenant, type TenantDialogProps } from "../tenant-context";
import { useChildFormSubmit } from "../use-child-form-submit";
import {
  AddApiDefinitionDocument,
  AddBundleDocument,
  AddEventDefinitionDocument,
  type EditableBundleFragment,
  SetBundleInstanceAuthDocument,
  UpdateApiDefinitionDocument,
  UpdateBundleDocument,
  UpdateEventDefinitionDocument,
} from "./bundles.generated";

/** Compass's limits, as the server checks them (domain/catalog/catalog-rules.ts). */
const NAME = /^[\x20-\x7E]{1,100}$/;
const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

const BUNDLE_FIELDS = ["name", "description", "schema"] as const;

/** Adds a bundle to an application, or edits its name, description and the schema a runtime's request must match. */
export function BundleFormDialog({ tenantId, parentId: applicationId, object: bundle, onClose, onSaved }: ChildFormProps<EditableBundleFragment>) {
  const [name, setName] = useState(bundle?.name ?? "");
  const [description, setDescription] = useState(bundle?.description ?? "");
  const [schema, setSchema] = useState(typeof bundle?.instanceAuthRequestInputSchema === "string" ? bundle.instanceAuthRequestInputSchema : "");
  const [add] = useMutation(AddBundleDocument, { context: inTenant(tenantId) });
  const [update] = useMutation(UpdateBundleDocument, { context: inTenant(tenantId) });
  const ruleErrors: FieldErrors<(typeof BUNDLE_FIELDS)[number]> = {};
  if (!NAME.test(name.trim())) ruleErrors.name = "1-100 printable ASCII characters";
  if (schema.trim() && !isJson(schema)) ruleErrors.schema = 'A JSON Schema, such as {"type": "object"}';
  const form = useFormErrors(BUNDLE_FIELDS, ruleErrors);
  const { submission } = useChildFormSubmit(form, { object: bundle, onSaved, onClose }, async (id) => {
    const input = { name: name.trim(), description: description.trim() || null, instanceAuthRequestInputSchema: schema.trim() || null };
    if (id) await update({ variables: { id, in: input } });
    else await add({ variables: { applicationId, in: input } });
    return input.name;
  });
  return (
    <FormDialog {...addOrEditWords(!!bundle, "bundle")} {...submission} onClose={onClose}>
      <TextField id="bundle-name" label="Name" {...form.bind("name", name, setName)} required autoFocus />
      <DescriptionField id="bundle-description" {...form.bind("description", description, setDescription)} />
      <TextField
        id="bundle-schema"
        label="Instance auth request schema"
        {...form.bind("schema", schema, setSchema)}
        hint="A JSON Schema the input parameters of a runtime's request for credentials must match; empty for none."
        multiline
      />
    </FormDialog>
  );
}

const SPEC_FORMATS = { OPEN_API: ["JSON", "YAML"], ODATA: ["JSON", "XML"], ASYNC_API: ["JSON", "YAML"] } as const;
type SpecType = keyof typeof SPEC_FORMATS;
const DEFINITION_FIELDS = ["name", "targetURL", "group", "data"] as const;

export interface EditableDefinition {
  id: string;
  name: string;
  description?: string | null;
  targetURL?: string;
  group?: string | null;
  spec?: { type: string; format: string; data?: string | null } | null;
}

/** Adds an API or event definition to an application (in none of its bundles), or edits one, with its spec given as text. */
export function DefinitionFormDialog({
  what,
  tenantId,
  parentId: applicationId,
  object: definition,
  onClose,
  onSaved,
}: ChildFormProps<EditableDefinition> & { what: "API" | "event" }) {
  const types: SpecType[] = what === "API" ? ["OPEN_API", "ODATA"] : ["ASYNC_API"];
  const [name, setName] = useState(definition?.name ?? "");
  const [description, setDescription] = useState(definition?.description ?? "");
  const [targetURL, setTargetURL] = useState(definition?.targetURL ?? "");
  const [group, setGroup] = useState(definition?.group ?? "");
  const [type, setType] = useState<SpecType>((definition?.spec?.type as SpecType) ?? types[0]);
  const [format, setFormat] = useState<string>(definition?.spec?.format ?? "JSON");
  const [data, setData] = useState(definition?.spec?.data ?? "");
  const [addApi] = useMutation(AddApiDefinitionDocument, { context: inTenant(tenantId) });
  const [updateApi] = useMutation(UpdateApiDefinitionDocument, { context: inTenant(tenantId) });
  const [addEvent] = useMutation(AddEventDefinitionDocument, { context: inTenant(tenantId) });
  const [updateEvent] = useMutation(UpdateEventDefinitionDocument, { context: inTenant(tenantId) });
  const formats: readonly string[] = SPEC_FORMATS[type];
  const ruleErrors: FieldErrors<(typeof DEFINITION_FIELDS)[number]> = {};
  if (!NAME.test(name.trim())) ruleErrors.name = "1-100 printable ASCII characters";
  if (what === "API" && !targetURL.trim()) ruleErrors.targetURL = "The URL the API is called at, such as https://api.example.com/orders";
  if ([...group.trim()].length > 36) ruleErrors.group = "At most 36 characters";
  if (format === "JSON" && data.trim() && !isJson(data)) ruleErrors.data = "Not valid JSON";
  const form = useFormErrors(DEFINITION_FIELDS, ruleErrors);
  const { submission } = useChildFormSubmit(form, { object: definition, onSaved, onClose }, async (id) => {
    const spec = data.trim() ? { type, format: formats.includes(format) ? format : formats[0], data } : null;
    const common = { name: name.trim(), description: description.trim() || null, group: group.trim() || null, spec };
    if (what === "API") {
      const input = { ...common, spec: spec as never, targetURL: targetURL.trim() };
      if (id) await updateApi({ variables: { id, in: input } });
      else await addApi({ variables: { appId: applicationId, in: input } });
    } else {
      const input = { ...common, spec: spec as never };
      if (id) await updateEvent({ variables: { id, in: input } });
      else await addEvent({ variables: { appId: applicationId, in: input } });
    }
    return common.name;
  });
  return (
    <FormDialog {...addOrEditWords(!!definition, `${what} definition`)} wide {...submission} onClose={onClose}>
      <TextField id="definition-name" label="Name" {...form.bind("name", name, setName)} required autoFocus />
      <DescriptionField id="definition-description" value={description} onChange={setDescription} />
      {what === "API" ? <TextField id="definition-target" label="Target URL" {...form.bind("targetURL", targetURL, setTargetURL)} required /> : null}
      <TextField id="definition-group" label="Group" {...form.bind("group", group, setGroup)} hint="Compass's API group, such as comments; optional." />
      <SelectField
        id="definition-spec-type"
        label="Spec type"
        value={type}
        options={types.map((value) => ({ value, label: value.replace("_", " ") }))}
        onChange={(value) => setType(value)}
      />
      <SelectField
        id="definition-spec-format"
        label="Spec format"
        value={formats.includes(format) ? format : formats[0]}
        options={formats.map((value) => ({ value, label: value }))}
        onChange={setFormat}
      />
      <TextField
        id="definition-spec-data"
        label="Spec"
        {...form.bind("data", data, setData)}
        hint="The specification as text, stored as given (at most 2 MiB); empty for none."
        multiline
      />
    </FormDialog>
  );
}

const SET_FIELDS = ["username", "password", "message", "reason"] as const;

/** The application side answers a runtime's PENDING request: basic credentials (SUCCEEDED), or a refusal (FAILED) with its reason. */
export function SetInstanceAuthDialog({ tenantId, instanceAuthId, onClose, onSaved }: TenantDialogProps & { instanceAuthId: string }) {
  const [outcome, setOutcome] = useState<"SUCCEEDED" | "FAILED">("SUCCEEDED");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [message, setMessage] = useState("");
  const [reason, setReason] = useState("");
  const [set] = useMutation(SetBundleInstanceAuthDocument, { context: inTenant(tenantId) });
  const ruleErrors: FieldErrors<(typeof SET_FIELDS)[number]> = {};
  if (outcome === "SUCCEEDED" && !username.trim()) ruleErrors.username = "Required";
  if (outcome === "SUCCEEDED" && !password) ruleErrors.password = "Required";
  if (outcome === "FAILED" && !message.trim()) ruleErrors.message = "Required when refusing";
  if (outcome === "FAILED" && !reason.trim()) ruleErrors.reason = "Required when refusing, such as QuotaExceeded";
  const form = useFormErrors(SET_FIELDS, ruleErrors);
  const { submission } = useDialogSubmit(
    form,
    async () => {
      const input =
        outcome === "SUCCEEDED"
          ? { auth: { credential: { basic: { username: username.trim(), password } } } }
          : { status: { condition: "FAILED" as const, message: message.trim(), reason: reason.trim() } };
      await set({ variables: { id: instanceAuthId, in: input } });
      return outcome === "SUCCEEDED" ? "Credentials set" : "Request refused";
    },
    { onSaved, onClose },
  );
  return (
    <FormDialog title="Set credentials" {...submission} submitLabel={outcome === "SUCCEEDED" ? "Set credentials" : "Refuse request"} onClose={onClose}>
      <SelectField
        id="instance-auth-outcome"
        label="Answer"
        value={outcome}
        options={[
          { value: "SUCCEEDED", label: "Give credentials" },
          { value: "FAILED", label: "Refuse the request" },
        ]}
        onChange={setOutcome}
      />
      {outcome === "SUCCEEDED" ? (
        <>
          <TextField id="instance-auth-username" label="User name" {...form.bind("username", username, setUsername)} required autoComplete="off" />
          <TextField
            id="instance-auth-password"
            label="Password"
            type="password"
            {...form.bind("password", password, setPassword)}
            required
            autoComplete="new-password"
            hint="Stored encrypted; shown only to the runtime that asked."
          />
        </>
      ) : (
        <>
          <TextField id="instance-auth-message" label="Message" {...form.bind("message", message, setMessage)} required />
          <TextField id="instance-auth-reason" label="Reason" {...form.bind("reason", reason, setReason)} required />
        </>
      )}
    </FormDialog>
  );
}
