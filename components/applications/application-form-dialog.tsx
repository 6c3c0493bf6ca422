"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import { type FormEvent, useId, useState } from "react";
import { FormAlert } from "@/components/auth/form-parts";
import { useFormErrors } from "@/components/console/use-form-errors";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { IntegrationSystemChoicesDocument, RegisterApplicationDocument, UpdateApplicationDocument } from "./applications.generated";
import { FormDialogFooter, NameAndDescriptionFields, nameAndDescriptionProblems } from "./name-and-description";
import { inTenant } from "./tenant-context";

const FIELDS = ["name", "description", "integrationSystemID"] as const;
type Field = (typeof FIELDS)[number];

/**
 * Registers an application in a tenant (with the integration system that
 * manages it), or edits its name and description. The managing system is
 * fixed once registered, as in the API.
 */
export function ApplicationFormDialog({
  tenantId,
  application,
  onClose,
  onSaved,
}: {
  tenantId: string;
  application?: { id: string; name: string; description: string | null };
  onClose: () => void;
  onSaved: () => void;
}) {
  const toast = useToast();
  const selectId = useId();
  const [name, setName] = useState(application?.name ?? "");
  const [description, setDescription] = useState(application?.description ?? "");
  const [systemId, setSystemId] = useState("");
  const [saving, setSaving] = useState(false);
  const systems = useQuery(IntegrationSystemChoicesDocument, { skip: !!application });
  const [register] = useMutation(RegisterApplicationDocument, { context: inTenant(tenantId) });
  const [update] = useMutation(UpdateApplicationDocument, { context: inTenant(tenantId) });

  const form = useFormErrors<Field>(FIELDS, nameAndDescriptionProblems(name, description));
  const shown = form.errorOf;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.validateAll()) return;
    setSaving(true);
    const fields = { name: name.trim(), description: description.trim() || null };
    try {
      if (application) await update({ variables: { id: application.id, in: fields } });
      else await register({ variables: { in: { ...fields, integrationSystemID: systemId || null } } });
      toast.success(application ? `Saved ${fields.name}` : `Registered ${fields.name}`);
      onSaved();
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
    <Dialog open onOpenChange={(open) => !open && !saving && onClose()} title={application ? "Edit application" : "Register application"}>
      <form onSubmit={submit} noValidate aria-busy={saving}>
        <FormAlert message={form.formError} />
        <NameAndDescriptionFields
          idPrefix="application"
          name={name}
          description={description}
          onNameChange={change("name", setName)}
          onDescriptionChange={change("description", setDescription)}
          errorOf={shown}
        />
        {application ? null : (
          <div className="field">
            <label htmlFor={selectId}>
              Managed by <span className="optional">(optional)</span>
            </label>
            <select
              id={selectId}
              value={systemId}
              onChange={(event) => change("integrationSystemID", setSystemId)(event.target.value)}
              aria-invalid={shown("integrationSystemID") ? true : undefined}
              aria-describedby={shown("integrationSystemID") ? `${selectId}-error` : undefined}
            >
              <option value="">No integration system</option>
              {systems.data?.integrationSystems.data.map((system) => (
                <option key={system.id} value={system.id}>
                  {system.name}
                </option>
              ))}
            </select>
            {shown("integrationSystemID") ? (
              <div id={`${selectId}-error`} className="field-error">
                {shown("integrationSystemID")}
              </div>
            ) : null}
          </div>
        )}
        <FormDialogFooter saving={saving} submitLabel={application ? "Save changes" : "Register application"} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
