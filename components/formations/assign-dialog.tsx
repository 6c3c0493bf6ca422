"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import { useId, useState } from "react";
import { type FieldErrors, useDialogSubmit, useFormErrors } from "@/components/console/use-form-errors";
import { inTenant, type TenantDialogProps } from "@/components/tenant-objects/tenant-context";
import { FieldError } from "@/components/ui/field-error";
import { FormDialog } from "@/components/ui/form-dialog";
import { type ComboboxOption, SearchCombobox } from "@/components/ui/search-combobox";
import { SelectField } from "@/components/ui/select-field";
import { AssignableObjectsDocument, AssignFormationDocument } from "./formations.generated";

/** What the console assigns; runtime contexts and subaccounts stay API-only. */
export type AssignableKind = "APPLICATION" | "RUNTIME";
export const KIND_NOUN: Record<AssignableKind, string> = { APPLICATION: "application", RUNTIME: "runtime" };
const KIND_OPTIONS = [
  { value: "APPLICATION", label: "Application" },
  { value: "RUNTIME", label: "Runtime" },
] as const;

// The API's fields for an assignment's problems: the object (not found) and its kind (not taken by the template).
const FIELDS = ["objectType", "objectID"] as const;
type Field = (typeof FIELDS)[number];

/** Assigns an application or a runtime of the tenant, searched by name, to a formation. */
export function AssignDialog({ tenantId, formationName, onClose, onSaved }: TenantDialogProps & { formationName: string }) {
  const pickerId = useId();
  const context = inTenant(tenantId);
  const [kind, setKind] = useState<AssignableKind>("APPLICATION");
  const [picked, setPicked] = useState<ComboboxOption | null>(null);
  // null until the picker opens: nothing is asked of the server before then.
  const [search, setSearch] = useState<string | null>(null);
  const choices = useQuery(AssignableObjectsDocument, { context, variables: { search: search || null }, skip: search === null });
  const answer = choices.data ?? choices.previousData;
  const page = answer && (kind === "APPLICATION" ? answer.applications : answer.runtimes);
  const [assign] = useMutation(AssignFormationDocument, { context });
  const ruleErrors: FieldErrors<Field> = picked ? {} : { objectID: `Pick the ${KIND_NOUN[kind]} to assign` };
  const form = useFormErrors(FIELDS, ruleErrors);
  const shown = form.errorOf("objectID");

  const { submission } = useDialogSubmit(
    form,
    async () => {
      await assign({ variables: { formation: { name: formationName }, objectID: picked!.id, objectType: kind } });
      return `Assigned the ${KIND_NOUN[kind]} ${picked!.name} to ${formationName}`;
    },
    { onSaved, onClose },
  );

  return (
    <FormDialog title={`Assign to ${formationName}`} {...submission} submitLabel="Assign" onClose={onClose}>
      <SelectField
        id="assign-kind"
        label="Kind"
        options={KIND_OPTIONS}
        {...form.bind("objectType", kind, (value: AssignableKind) => {
          setKind(value);
          setPicked(null);
        })}
      />
      <div className="field">
        <label htmlFor={pickerId}>{kind === "APPLICATION" ? "Application" : "Runtime"}</label>
        <SearchCombobox
          id={pickerId}
          value={picked}
          onChange={form.changeOf("objectID", setPicked)}
          noneLabel={`No ${KIND_NOUN[kind]}`}
          searchLabel={`Search ${KIND_NOUN[kind]}s`}
          options={page?.data ?? []}
          totalCount={page?.totalCount ?? 0}
          loading={choices.loading}
          failed={!!choices.error}
          onSearchChange={setSearch}
          invalid={!!shown}
          describedBy={shown ? `${pickerId}-error` : undefined}
        />
        <FieldError id={`${pickerId}-error`} error={shown} />
      </div>
    </FormDialog>
  );
}
