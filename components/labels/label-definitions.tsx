"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useId, useMemo, useState } from "react";
import { inTenant, type TenantDialogProps } from "@/components/tenant-objects/tenant-context";
import { Breadcrumbs } from "@/components/console/breadcrumbs";
import { useCanWrite } from "@/components/console/console-providers";
import { inApiWords } from "@/components/console/graphql-problem";
import { type FieldErrors, useDialogSubmit, useFormErrors } from "@/components/console/use-form-errors";
import { TenantDetailDocument } from "@/components/tenants/tenants.generated";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, queryRows } from "@/components/ui/data-table";
import { actionsColumn } from "@/components/ui/data-table-columns";
import { RowActions } from "@/components/ui/row-actions";
import { KeyField } from "@/components/ui/key-field";
import { TextField } from "@/components/ui/text-field";
import { useToast } from "@/components/ui/toast";
import { CreateLabelDefinitionDocument, DeleteLabelDefinitionDocument, LabelDefinitionsDocument, UpdateLabelDefinitionDocument } from "./labels.generated";
import { labelKeyProblem, schemaTextProblem } from "./schema-check";
import { FormDialog } from "@/components/ui/form-dialog";
import { PageHeader } from "@/components/console/page-header";

interface Definition {
  key: string;
  schema: string | null;
}

const pretty = (schema: string | null) => (schema === null ? "" : JSON.stringify(JSON.parse(schema), null, 2));

/** A tenant's label definitions: the JSON Schema each label key's values must satisfy. */
export function LabelDefinitions({ tenantId }: { tenantId: string }) {
  const canWrite = useCanWrite();
  const toast = useToast();
  const context = inTenant(tenantId);
  const [dialog, setDialog] = useState<{ kind: "create" } | { kind: "edit" | "delete"; definition: Definition } | null>(null);
  const tenant = useQuery(TenantDetailDocument, { variables: { id: tenantId } });
  const { data, loading, error, refetch } = useQuery(LabelDefinitionsDocument, { context, fetchPolicy: "network-only" });
  const [remove] = useMutation(DeleteLabelDefinitionDocument, { context });
  const definitions = useMemo<Definition[]>(
    () => (data?.labelDefinitions ?? []).map((definition) => ({ key: definition.key, schema: definition.schema == null ? null : String(definition.schema) })),
    [data],
  );
  const [alsoLabels, setAlsoLabels] = useState(false);
  const checkboxId = useId();

  const columns = useMemo<ColumnDef<Definition>[]>(
    () => [
      { id: "key", header: "Key", cell: ({ row }) => <code className="row-name">{row.original.key}</code> },
      {
        id: "schema",
        header: "Schema",
        meta: { className: "cell-truncate" },
        cell: ({ row }) => (row.original.schema ? <code title={row.original.schema}>{row.original.schema}</code> : <span className="muted">Any value</span>),
      },
      actionsColumn<Definition>((definition) =>
        canWrite ? (
          <RowActions
            name={`label definition ${definition.key}`}
            actions={[
              { label: "Edit", onClick: () => setDialog({ kind: "edit", definition }) },
              { label: "Delete", danger: true, onClick: () => setDialog({ kind: "delete", definition }) },
            ]}
          />
        ) : null,
      ),
    ],
    [canWrite],
  );

  const tenantName = tenant.data?.tenant?.name ?? "Tenant";
  return (
    <>
      <Breadcrumbs trail={[{ label: "Tenants", href: "/tenants" }, { label: tenantName, href: `/tenants/${tenantId}` }, { label: "Label definitions" }]} />
      <PageHeader
        title="Label definitions"
        lead={`Each key's JSON Schema: every label set under the key, on an application or a runtime of ${tenantName}, must satisfy it.`}
        actions={
          canWrite ? (
            <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: "create" })}>
              Create label definition
            </button>
          ) : null
        }
      />
      <DataTable
        caption="Label definitions"
        columns={columns}
        {...queryRows({ loading, error, refetch }, definitions)}
        empty={<p>No label definitions yet: every label key accepts any value.</p>}
        getRowId={(row) => row.key}
      />
      {dialog?.kind === "create" || dialog?.kind === "edit" ? (
        <DefinitionDialog
          tenantId={tenantId}
          definition={dialog.kind === "edit" ? dialog.definition : undefined}
          onClose={() => setDialog(null)}
          onSaved={() => void refetch()}
        />
      ) : null}
      {dialog?.kind === "delete" ? (
        <ConfirmDialog
          onOpenChange={(open) => {
            if (!open) {
              setDialog(null);
              setAlsoLabels(false);
            }
          }}
          title={`Delete the label definition ${dialog.definition.key}?`}
          description="Labels under this key then accept any value."
          confirmLabel="Delete label definition"
          onConfirm={async () => {
            await inApiWords(remove({ variables: { key: dialog.definition.key, deleteRelatedLabels: alsoLabels } }));
            toast.success(`Deleted the label definition ${dialog.definition.key}`);
            void refetch();
          }}
        >
          <label className="checkbox" htmlFor={checkboxId}>
            <input id={checkboxId} type="checkbox" checked={alsoLabels} onChange={(event) => setAlsoLabels(event.target.checked)} />
            Also delete every label set under this key
          </label>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

const FIELDS = ["key", "schema"] as const;
type Field = (typeof FIELDS)[number];

function DefinitionDialog({ tenantId, definition, onClose, onSaved }: TenantDialogProps & { definition?: Definition }) {
  const context = inTenant(tenantId);
  const [key, setKey] = useState(definition?.key ?? "");
  const [schema, setSchema] = useState(pretty(definition?.schema ?? null));
  const [create] = useMutation(CreateLabelDefinitionDocument, { context });
  const [update] = useMutation(UpdateLabelDefinitionDocument, { context });

  const ruleErrors: FieldErrors<Field> = {};
  const keyProblem = labelKeyProblem(key);
  if (keyProblem) ruleErrors.key = keyProblem;
  const schemaError = schemaTextProblem(schema);
  if (schemaError) ruleErrors.schema = schemaError;
  const form = useFormErrors(FIELDS, ruleErrors);

  const { submission } = useDialogSubmit(
    form,
    async () => {
      const input = { key: key.trim(), schema: schema.trim() || null };
      if (definition) await update({ variables: { in: input } });
      else await create({ variables: { in: input } });
      return `Saved the label definition ${input.key}`;
    },
    { onSaved, onClose },
  );

  return (
    <FormDialog
      wide
      title={definition ? `Edit the label definition ${definition.key}` : "Create label definition"}
      {...submission}
      submitLabel={definition ? "Save changes" : "Create label definition"}
      onClose={onClose}
    >
      {definition ? null : (
        <KeyField id="definition-key" {...form.bind("key", key, setKey)} hint="The label key it governs: letters, digits and underscores." />
      )}
      <TextField
        id="definition-schema"
        label="JSON Schema"
        {...form.bind("schema", schema, setSchema)}
        hint={
          <>
            For example <code>{'{"type": "string", "enum": ["dev", "prod"]}'}</code>. Empty: any value. A change that labels already set would break is refused.
          </>
        }
        multiline
      />
    </FormDialog>
  );
}
