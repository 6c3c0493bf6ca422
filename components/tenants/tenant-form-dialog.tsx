"use client";

import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { TENANT_TYPES } from "@/lib/tenant-types";
import { EXTERNAL_ID_MAX, externalIdProblem, normalizeName, tenantNameProblem } from "@/lib/names";
import { type FieldErrors, useDialogSubmit, useFormErrors } from "@/components/console/use-form-errors";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { CreateTenantDocument, type TenantMappingFieldsFragment, UpdateTenantDocument } from "./tenants.generated";
import { addOrEditWords } from "@/components/ui/add-or-edit";
import { FormDialog } from "@/components/ui/form-dialog";

const FIELDS = ["externalId", "name", "type"] as const;
const TYPE_OPTIONS = TENANT_TYPES.map((choice) => ({ value: choice, label: choice }));
type Field = (typeof FIELDS)[number];

function validate(externalId: string, name: string): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  const externalIdError = externalIdProblem(externalId.trim());
  if (externalIdError) errors.externalId = externalIdError;
  const nameError = tenantNameProblem(normalizeName(name));
  if (nameError) errors.name = nameError;
  return errors;
}

/**
 * Creates a tenant, or edits one when `tenant` is given; rules checked as the
 * user types, server errors on their field. An edit is Compass's updateTenant,
 * which replaces every field: what the form does not show (provider, parents,
 * subdomain, ...) is sent back as it was.
 */
export function TenantFormDialog({ tenant, onClose }: { tenant?: TenantMappingFieldsFragment; onClose: () => void }) {
  const [externalId, setExternalId] = useState(tenant?.id ?? "");
  const [name, setName] = useState(tenant?.name ?? "");
  const [type, setType] = useState(tenant?.type ?? "account");
  const [create] = useMutation(CreateTenantDocument, { refetchQueries: ["TenantList"] });
  const [update] = useMutation(UpdateTenantDocument);

  const form = useFormErrors(FIELDS, validate(externalId, name));
  const { submission } = useDialogSubmit(
    form,
    async () => {
      const input = { externalId: externalId.trim(), name: name.trim(), type };
      if (tenant) {
        // The fields BusinessTenantMappingInput has, as they are (the page's tenant carries more).
        const { provider, parents, subdomain, region, licenseType, customerId, costObjectId, costObjectType } = tenant;
        const kept = { provider, parents, subdomain, region, licenseType, customerId, costObjectId, costObjectType };
        await update({ variables: { id: tenant.internalID, in: { ...kept, name: input.name, type, externalTenant: input.externalId } } });
      } else await create({ variables: { in: input } });
      return tenant ? `Saved ${input.name}` : `Created tenant ${input.name}`;
    },
    { onClose },
  );

  return (
    <FormDialog
      {...addOrEditWords(!!tenant, "tenant", "Create")}
      description="A customer's space. Callers name it in the tenant header by its external id (or its id)."
      {...submission}
      onClose={onClose}
    >
      <TextField
        id="tenant-external-id"
        label="External id"
        {...form.bind("externalId", externalId, setExternalId)}
        hint={`ASCII letters, digits, '-', '_' and '.'; at most ${EXTERNAL_ID_MAX} characters; unique ignoring case.`}
        required
        autoFocus
      />
      <TextField id="tenant-name" label="Name" {...form.bind("name", name, setName)} required />
      <SelectField id="tenant-type" label="Type" options={TYPE_OPTIONS} {...form.bind("type", type, setType)} />
    </FormDialog>
  );
}
