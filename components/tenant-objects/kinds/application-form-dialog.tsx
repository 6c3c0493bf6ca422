"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import { useId, useState } from "react";
import { type ComboboxOption, SearchCombobox } from "@/components/ui/search-combobox";
import { IntegrationSystemChoicesDocument, RegisterApplicationDocument, UpdateApplicationDocument } from "./applications.generated";
import { ObjectFormDialog } from "../object-form-dialog";
import { inTenant } from "../tenant-context";
import { useObjectForm } from "../use-object-form";

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
  /** The application's id: a new one's page is where the console goes next. */
  onSaved: (id: string) => void;
}) {
  const selectId = useId();
  const [system, setSystem] = useState<ComboboxOption | null>(null);
  // null until the picker opens: nothing is asked of the server before then.
  const [search, setSearch] = useState<string | null>(null);
  const systems = useQuery(IntegrationSystemChoicesDocument, { variables: { search: search || null }, skip: !!application || search === null });
  const choices = (systems.data ?? systems.previousData)?.integrationSystems;
  const [register] = useMutation(RegisterApplicationDocument, { context: inTenant(tenantId) });
  const [update] = useMutation(UpdateApplicationDocument, { context: inTenant(tenantId) });
  const { form, change, submitWith, dialogProps } = useObjectForm({ fields: FIELDS, initial: application, onClose });
  const shown = form.errorOf;

  const submit = submitWith(async (fields) => {
    if (application) {
      await update({ variables: { id: application.id, in: fields } });
      return application.id;
    }
    const { data } = await register({ variables: { in: { ...fields, integrationSystemID: system?.id ?? null } } });
    return data!.registerApplication.id;
  }, onSaved);

  return (
    <ObjectFormDialog kind="application" onSubmit={submit} {...dialogProps}>
      {application ? null : (
        <div className="field">
          <label htmlFor={selectId}>
            Managed by <span className="optional">(optional)</span>
          </label>
          <SearchCombobox
            id={selectId}
            value={system}
            onChange={change("integrationSystemID", setSystem)}
            noneLabel="No integration system"
            searchLabel="Search integration systems"
            options={choices?.data ?? []}
            totalCount={choices?.totalCount ?? 0}
            loading={systems.loading}
            failed={!!systems.error}
            onSearchChange={setSearch}
            invalid={!!shown("integrationSystemID")}
            describedBy={shown("integrationSystemID") ? `${selectId}-error` : undefined}
          />
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
