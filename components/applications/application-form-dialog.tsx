"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import { type FormEvent, useId, useState } from "react";
import { DESCRIPTION_MAX, descriptionProblem, lengthOf, nameProblem, normalizeName } from "@/lib/names";
import { FormAlert } from "@/components/auth/form-parts";
import { type FieldErrors, useFormErrors } from "@/components/console/use-form-errors";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";
import { useToast } from "@/components/ui/toast";
import { IntegrationSystemChoicesDocument, RegisterApplicationDocument, UpdateApplicationDocument } from "./applications.generated";
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

  const ruleErrors: FieldErrors<Field> = {};
  const nameError = nameProblem(normalizeName(name));
  if (nameError) ruleErrors.name = nameError;
  const descriptionError = descriptionProblem(description.trim());
  if (descriptionError) ruleErrors.description = descriptionError;
  const form = useFormErrors(FIELDS, ruleErrors);
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
        <TextField
          id="application-name"
          label="Name"
          value={name}
          onChange={change("name", setName)}
          error={shown("name")}
          hint="Unique in this tenant, ignoring case."
          required
          autoFocus
        />
        <TextField
          id="application-description"
          label="Description"
          value={description}
          onChange={change("description", setDescription)}
          error={shown("description")}
          hint={`${lengthOf(description.trim())} / ${DESCRIPTION_MAX} characters`}
          multiline
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
        <div className="dialog-footer">
          <button type="button" className="btn btn-secondary" onClick={onClose} disabled={saving}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={saving}>
            {saving ? "Saving…" : application ? "Save changes" : "Register application"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
