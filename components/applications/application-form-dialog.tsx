"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import { useId, useState } from "react";
import { IntegrationSystemChoicesDocument, RegisterApplicationDocument, UpdateApplicationDocument } from "./applications.generated";
import { ObjectFormDialog } from "./object-form-dialog";
import { inTenant } from "./tenant-context";
import { useObjectForm } from "./use-object-form";

const FIELDS = ["name", "description", "integrationSystemID"] as const;

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
  const selectId = useId();
  const [systemId, setSystemId] = useState("");
  const systems = useQuery(IntegrationSystemChoicesDocument, { skip: !!application });
  const [register] = useMutation(RegisterApplicationDocument, { context: inTenant(tenantId) });
  const [update] = useMutation(UpdateApplicationDocument, { context: inTenant(tenantId) });
  const { form, change, submitWith, dialogProps } = useObjectForm({ fields: FIELDS, initial: application, onClose });
  const shown = form.errorOf;

  const submit = submitWith(async (fields) => {
    if (application) await update({ variables: { id: application.id, in: fields } });
    else await register({ variables: { in: { ...fields, integrationSystemID: systemId || null } } });
  }, onSaved);

  return (
    <ObjectFormDialog kind="application" onSubmit={submit} {...dialogProps}>
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
    </ObjectFormDialog>
  );
}
