"use client";

import { useMutation } from "@apollo/client/react";
import { type FormEvent, useId, useState } from "react";
import { FormDialogFooter, NameAndDescriptionFields, nameAndDescriptionProblems } from "@/components/applications/name-and-description";
import { inTenant } from "@/components/applications/tenant-context";
import { FormAlert } from "@/components/auth/form-parts";
import { useFormErrors } from "@/components/console/use-form-errors";
import type { RuntimeStatusCondition } from "@/components/graphql-types.generated";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";
import { useToast } from "@/components/ui/toast";
import { RegisterRuntimeDocument, UpdateRuntimeDocument } from "./runtimes.generated";

const FIELDS = ["name", "description", "applicationNamespace", "statusCondition"] as const;
type Field = (typeof FIELDS)[number];
const CONDITIONS: RuntimeStatusCondition[] = ["INITIAL", "PROVISIONING", "CONNECTED", "FAILED"];

export interface EditableRuntime {
  id: string;
  name: string;
  description?: string | null;
  applicationNamespace?: string | null;
  status: { condition: RuntimeStatusCondition };
}

/** Registers a runtime in a tenant, or edits its name, description, namespace and status; labels are edited on its page. */
export function RuntimeFormDialog({
  tenantId,
  runtime,
  onClose,
  onSaved,
}: {
  tenantId: string;
  runtime?: EditableRuntime;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const toast = useToast();
  const statusId = useId();
  const [name, setName] = useState(runtime?.name ?? "");
  const [description, setDescription] = useState(runtime?.description ?? "");
  const [namespace, setNamespace] = useState(runtime?.applicationNamespace ?? "");
  const [condition, setCondition] = useState<RuntimeStatusCondition>(runtime?.status.condition ?? "INITIAL");
  const [saving, setSaving] = useState(false);
  const [register] = useMutation(RegisterRuntimeDocument, { context: inTenant(tenantId) });
  const [update] = useMutation(UpdateRuntimeDocument, { context: inTenant(tenantId) });

  const form = useFormErrors<Field>(FIELDS, nameAndDescriptionProblems(name, description));
  const shown = form.errorOf;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.validateAll()) return;
    setSaving(true);
    const fields = {
      name: name.trim(),
      description: description.trim() || null,
      applicationNamespace: namespace.trim() || null,
      statusCondition: condition,
    };
    try {
      let id: string;
      if (runtime) {
        await update({ variables: { id: runtime.id, in: fields } });
        id = runtime.id;
      } else {
        const { data } = await register({ variables: { in: fields } });
        id = data!.registerRuntime.id;
      }
      toast.success(runtime ? `Saved ${fields.name}` : `Registered ${fields.name}`);
      onSaved(id);
      onClose();
    } catch (error) {
      form.showProblem(error);
      setSaving(false);
    }
  }

  const change = (field: Field, set: (value: string) => void) => (value: string) => {
    set(value);
    form.edited(field);
  };

  return (
    <Dialog open onOpenChange={(open) => !open && !saving && onClose()} title={runtime ? "Edit runtime" : "Register runtime"}>
      <form onSubmit={submit} noValidate aria-busy={saving}>
        <FormAlert message={form.formError} />
        <NameAndDescriptionFields
          idPrefix="runtime"
          name={name}
          description={description}
          onNameChange={change("name", setName)}
          onDescriptionChange={change("description", setDescription)}
          errorOf={shown}
        />
        <TextField
          id="runtime-namespace"
          label="Application namespace"
          value={namespace}
          onChange={change("applicationNamespace", setNamespace)}
          error={shown("applicationNamespace")}
        />
        <div className="field">
          <label htmlFor={statusId}>Status</label>
          <select
            id={statusId}
            value={condition}
            onChange={(event) => {
              setCondition(event.target.value as RuntimeStatusCondition);
              form.edited("statusCondition");
            }}
            aria-invalid={shown("statusCondition") ? true : undefined}
            aria-describedby={shown("statusCondition") ? `${statusId}-error` : undefined}
          >
            {CONDITIONS.map((value) => (
              <option key={value} value={value}>
                {value.charAt(0) + value.slice(1).toLowerCase()}
              </option>
            ))}
          </select>
          {shown("statusCondition") ? (
            <div id={`${statusId}-error`} className="field-error">
              {shown("statusCondition")}
            </div>
          ) : null}
        </div>
        <FormDialogFooter saving={saving} submitLabel={runtime ? "Save changes" : "Register runtime"} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
