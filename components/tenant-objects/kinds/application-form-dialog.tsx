"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import { useId, useState } from "react";
import type { ApplicationStatusCondition } from "@/components/graphql-types.generated";
import { type ComboboxOption, SearchCombobox } from "@/components/ui/search-combobox";
import { TextField } from "@/components/ui/text-field";
import { IntegrationSystemChoicesDocument, RegisterApplicationDocument, UpdateApplicationDocument } from "./applications.generated";
import type { ObjectFormProps } from "../console-kind";
import { ObjectFormDialog } from "../object-form-dialog";
import { inTenant } from "../tenant-context";
import { StatusConditionField } from "../status-condition";
import { useObjectForm } from "../use-object-form";
import { FieldError } from "@/components/ui/field-error";
import { APPLICATION_CONDITIONS } from "@/lib/compass-enums";

const FIELDS = ["name", "description", "integrationSystemID", "providerName", "baseUrl", "healthCheckURL", "statusCondition"] as const;
/** Compass's limit for the provider and the URLs (the API checks it too). */
const LONG_TEXT_MAX = 256;

export interface EditableApplication {
  id: string;
  name: string;
  description: string | null;
  providerName?: string | null;
  baseUrl?: string | null;
  healthCheckURL?: string | null;
  status: { condition: ApplicationStatusCondition };
}

/**
 * Registers an application in a tenant (with the integration system that
 * manages it), or edits its name, description, provider, URLs and status.
 * The managing system is fixed once registered, as in the API. An update
 * sends what changed, an emptied field as "" (Compass's update keeps what is
 * omitted or null, and clears what is empty), and always the status, which
 * Compass's update otherwise resets.
 */
export function ApplicationFormDialog({ tenantId, object: application, onClose, onSaved }: ObjectFormProps<EditableApplication>) {
  const selectId = useId();
  const [system, setSystem] = useState<ComboboxOption | null>(null);
  const [providerName, setProviderName] = useState(application?.providerName ?? "");
  const [baseUrl, setBaseUrl] = useState(application?.baseUrl ?? "");
  const [healthCheckURL, setHealthCheckURL] = useState(application?.healthCheckURL ?? "");
  const [condition, setCondition] = useState<ApplicationStatusCondition>(application?.status.condition ?? "INITIAL");
  // null until the picker opens: nothing is asked of the server before then.
  const [search, setSearch] = useState<string | null>(null);
  const systems = useQuery(IntegrationSystemChoicesDocument, { variables: { search: search || null }, skip: !!application || search === null });
  const choices = (systems.data ?? systems.previousData)?.integrationSystems;
  const [register] = useMutation(RegisterApplicationDocument, { context: inTenant(tenantId) });
  const [update] = useMutation(UpdateApplicationDocument, { context: inTenant(tenantId) });
  const { form, change, submitWith, dialogProps } = useObjectForm({ fields: FIELDS, initial: application, onClose });
  const shown = form.errorOf;

  const submit = submitWith(async ({ name, description }) => {
    const own = { providerName: providerName.trim(), baseUrl: baseUrl.trim(), healthCheckURL: healthCheckURL.trim(), statusCondition: condition };
    if (application) {
      // Only what changed: opened from a list row, the dialog may not know every field, and what is omitted stays.
      const changed = Object.fromEntries(
        (["providerName", "baseUrl", "healthCheckURL"] as const)
          .filter((field) => own[field] !== (application[field] ?? ""))
          .map((field) => [field, own[field]]),
      );
      await update({ variables: { id: application.id, in: { name, description: description ?? "", ...changed, statusCondition: condition } } });
      return application.id;
    }
    const given = Object.fromEntries(Object.entries(own).filter(([, value]) => value !== ""));
    const { data } = await register({ variables: { in: { name, description, ...given, integrationSystemID: system?.id ?? null } } });
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
          <FieldError id={`${selectId}-error`} error={shown("integrationSystemID")} />
        </div>
      )}
      <TextField id="application-provider" label="Provider" {...form.bind("providerName", providerName, setProviderName)} maxLength={LONG_TEXT_MAX} />
      <TextField id="application-base-url" label="Base URL" {...form.bind("baseUrl", baseUrl, setBaseUrl)} maxLength={LONG_TEXT_MAX} />
      <TextField
        id="application-health-check-url"
        label="Health check URL"
        {...form.bind("healthCheckURL", healthCheckURL, setHealthCheckURL)}
        maxLength={LONG_TEXT_MAX}
        hint="An absolute http or https URL."
      />
      <StatusConditionField conditions={APPLICATION_CONDITIONS} {...form.bind("statusCondition", condition, setCondition)} />
    </ObjectFormDialog>
  );
}
