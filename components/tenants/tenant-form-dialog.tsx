"use client";

import { useMutation } from "@apollo/client/react";
import { type FormEvent, useState } from "react";
import { EXTERNAL_ID_MAX, externalIdProblem, nameProblem, normalizeName } from "../../lib/names";
import { graphqlProblem } from "../console/graphql-problem";
import { Dialog } from "../ui/dialog";
import { TextField } from "../ui/text-field";
import { useToast } from "../ui/toast";
import { CreateTenantDocument, UpdateTenantDocument } from "./tenants.generated";

type Field = "externalId" | "name";
type Errors = Partial<Record<Field, string>>;

function validate(externalId: string, name: string): Errors {
  const errors: Errors = {};
  const externalIdError = externalIdProblem(externalId.trim());
  if (externalIdError) errors.externalId = externalIdError;
  const nameError = nameProblem(normalizeName(name));
  if (nameError) errors.name = nameError;
  return errors;
}

/** Creates a tenant, or edits one when `tenant` is given; rules checked as the user types, server errors on their field. */
export function TenantFormDialog({
  tenant,
  onClose,
}: {
  tenant?: { id: string; externalId: string; name: string };
  onClose: () => void;
}) {
  const toast = useToast();
  const [externalId, setExternalId] = useState(tenant?.externalId ?? "");
  const [name, setName] = useState(tenant?.name ?? "");
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [create] = useMutation(CreateTenantDocument, { refetchQueries: ["TenantList"] });
  const [update] = useMutation(UpdateTenantDocument);

  const errors = validate(externalId, name);
  const shown = (field: Field) => serverErrors[field] ?? (touched[field] ? errors[field] : undefined);
  function change(field: Field, value: string) {
    (field === "externalId" ? setExternalId : setName)(value);
    setTouched((current) => ({ ...current, [field]: true }));
    setServerErrors((current) => ({ ...current, [field]: undefined }));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTouched({ externalId: true, name: true });
    setFormError(null);
    if (Object.keys(errors).length > 0) return;
    setSaving(true);
    const input = { externalId: externalId.trim(), name: name.trim() };
    try {
      if (tenant) await update({ variables: { id: tenant.id, in: input } });
      else await create({ variables: { in: input } });
      toast.success(tenant ? `Saved ${input.name}` : `Created tenant ${input.name}`);
      onClose();
    } catch (error) {
      const problem = graphqlProblem(error);
      const field = problem.field?.replace(/^in\./, "");
      if (field === "externalId" || field === "name") setServerErrors({ [field]: problem.message });
      else setFormError(problem.message);
      setSaving(false);
    }
  }

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && !saving && onClose()}
      title={tenant ? "Edit tenant" : "Create tenant"}
      description="A customer's space. Callers name it in the tenant header by its external id (or its id)."
    >
      <form onSubmit={submit} noValidate aria-busy={saving}>
        {formError ? (
          <div className="alert" role="alert">
            {formError}
          </div>
        ) : null}
        <TextField
          id="tenant-external-id"
          label="External id"
          value={externalId}
          onChange={(value) => change("externalId", value)}
          error={shown("externalId")}
          hint={`ASCII letters, digits, '-', '_' and '.'; at most ${EXTERNAL_ID_MAX} characters; unique ignoring case.`}
          required
          autoFocus
        />
        <TextField id="tenant-name" label="Name" value={name} onChange={(value) => change("name", value)} error={shown("name")} required />
        <div className="dialog-footer">
          <button type="button" className="btn btn-secondary" onClick={onClose} disabled={saving}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={saving}>
            {saving ? "Saving…" : tenant ? "Save changes" : "Create tenant"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
