"use client";

import { useMutation } from "@apollo/client/react";
import { useId, useState } from "react";
import { ObjectFormDialog } from "../object-form-dialog";
import { useObjectForm } from "../use-object-form";
import { inTenant } from "../tenant-context";
import type { RuntimeStatusCondition } from "@/components/graphql-types.generated";
import { TextField } from "@/components/ui/text-field";
import { RegisterRuntimeDocument, UpdateRuntimeDocument } from "./runtimes.generated";

const FIELDS = ["name", "description", "applicationNamespace", "statusCondition"] as const;
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
  const statusId = useId();
  const [namespace, setNamespace] = useState(runtime?.applicationNamespace ?? "");
  const [condition, setCondition] = useState<RuntimeStatusCondition>(runtime?.status.condition ?? "INITIAL");
  const [register] = useMutation(RegisterRuntimeDocument, { context: inTenant(tenantId) });
  const [update] = useMutation(UpdateRuntimeDocument, { context: inTenant(tenantId) });
  const { form, change, submitWith, dialogProps } = useObjectForm({ fields: FIELDS, initial: runtime, onClose });
  const shown = form.errorOf;

  const submit = submitWith(async (nameAndDescription) => {
    const fields = { ...nameAndDescription, applicationNamespace: namespace.trim() || null, statusCondition: condition };
    if (runtime) {
      await update({ variables: { id: runtime.id, in: fields } });
      return runtime.id;
    }
    const { data } = await register({ variables: { in: fields } });
    return data!.registerRuntime.id;
  }, onSaved);

  return (
    <ObjectFormDialog kind="runtime" onSubmit={submit} {...dialogProps}>
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
    </ObjectFormDialog>
  );
}
