"use client";

import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import type { ObjectFormProps } from "../console-kind";
import { ObjectFormDialog } from "../object-form-dialog";
import { useObjectForm } from "../use-object-form";
import { StatusConditionField } from "../status-condition";
import { inTenant } from "../tenant-context";
import type { RuntimeStatusCondition } from "@/components/graphql-types.generated";
import { TextField } from "@/components/ui/text-field";
import { RegisterRuntimeDocument, UpdateRuntimeDocument } from "./runtimes.generated";
import { RUNTIME_CONDITIONS } from "@/lib/compass-enums";

const FIELDS = ["name", "description", "applicationNamespace", "statusCondition"] as const;

export interface EditableRuntime {
  id: string;
  name: string;
  description?: string | null;
  applicationNamespace?: string | null;
  status: { condition: RuntimeStatusCondition };
}

/** Registers a runtime in a tenant, or edits its name, description, namespace and status; labels are edited on its page. */
export function RuntimeFormDialog({ tenantId, object: runtime, onClose, onSaved }: ObjectFormProps<EditableRuntime>) {
  const [namespace, setNamespace] = useState(runtime?.applicationNamespace ?? "");
  const [condition, setCondition] = useState<RuntimeStatusCondition>(runtime?.status.condition ?? "INITIAL");
  const [register] = useMutation(RegisterRuntimeDocument, { context: inTenant(tenantId) });
  const [update] = useMutation(UpdateRuntimeDocument, { context: inTenant(tenantId) });
  const { form, submitWith, dialogProps } = useObjectForm({ fields: FIELDS, initial: runtime, onClose });

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
      <TextField id="runtime-namespace" label="Application namespace" {...form.bind("applicationNamespace", namespace, setNamespace)} />
      <StatusConditionField conditions={RUNTIME_CONDITIONS} {...form.bind("statusCondition", condition, setCondition)} />
    </ObjectFormDialog>
  );
}
