"use client";

import { useQuery } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { inTenant } from "@/components/tenant-objects/tenant-context";
import { useCanWrite } from "@/components/console/console-providers";
import { inApiWords } from "@/components/console/graphql-problem";
import { type FieldErrors, useDialogSubmit, useFormErrors } from "@/components/console/use-form-errors";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable } from "@/components/ui/data-table";
import { actionsColumn } from "@/components/ui/data-table-columns";
import { RowActions } from "@/components/ui/row-actions";
import { KeyField } from "@/components/ui/key-field";
import { TextField } from "@/components/ui/text-field";
import { useToast } from "@/components/ui/toast";
import { LabelDefinitionsDocument } from "./labels.generated";
import { labelKeyProblem, labelValueProblem, parseLabelValue } from "./schema-check";
import { FormDialog } from "@/components/ui/form-dialog";
import { PageSection } from "@/components/ui/page-section";

/** Labels the server keeps itself (an integration system's managed applications). */
const READ_ONLY_KEYS = new Set(["integrationSystemID"]);

interface LabelRow {
  key: string;
  value: unknown;
}

const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
/** How a value is put back in the text field: a string as itself unless it would read as other JSON. */
const asText = (value: unknown) => {
  if (typeof value !== "string") return JSON.stringify(value);
  return parseLabelValue(value) === value ? value : JSON.stringify(value);
};

/**
 * The labels of an application or a runtime, with add, edit and remove. A key
 * with a label definition has its value checked against the schema as the
 * user types; the server's verdict lands on the field it names.
 */
export function LabelEditor({
  tenantId,
  labels,
  onSet,
  onDelete,
}: {
  tenantId: string;
  labels: Record<string, unknown> | null | undefined;
  onSet: (key: string, value: unknown) => Promise<unknown>;
  onDelete: (key: string) => Promise<unknown>;
}) {
  const canWrite = useCanWrite();
  const toast = useToast();
  const [dialog, setDialog] = useState<{ kind: "add" } | { kind: "edit" | "remove"; label: LabelRow } | null>(null);
  const definitions = useQuery(LabelDefinitionsDocument, { context: inTenant(tenantId), fetchPolicy: "network-only" });
  const schemas = useMemo(
    () =>
      new Map((definitions.data?.labelDefinitions ?? []).map((definition) => [definition.key, definition.schema == null ? null : String(definition.schema)])),
    [definitions.data],
  );
  const rows = useMemo(() => Object.entries(labels ?? {}).map(([key, value]) => ({ key, value })), [labels]);

  const columns = useMemo<ColumnDef<LabelRow>[]>(
    () => [
      {
        id: "key",
        header: "Key",
        cell: ({ row }) => (
          <>
            <code className="row-name">{row.original.key}</code>
            {READ_ONLY_KEYS.has(row.original.key) ? <span className="badge"> read-only</span> : null}
          </>
        ),
      },
      {
        id: "value",
        header: "Value",
        meta: { className: "cell-truncate" },
        cell: ({ row }) => <code title={show(row.original.value)}>{show(row.original.value)}</code>,
      },
      actionsColumn<LabelRow>((label) =>
        canWrite && !READ_ONLY_KEYS.has(label.key) ? (
          <RowActions
            name={`label ${label.key}`}
            actions={[
              { label: "Edit", onClick: () => setDialog({ kind: "edit", label }) },
              { label: "Remove", danger: true, onClick: () => setDialog({ kind: "remove", label }) },
            ]}
          />
        ) : null,
      ),
    ],
    [canWrite],
  );

  return (
    <PageSection id="labels" title="Labels" action={canWrite ? { label: "Add label", onClick: () => setDialog({ kind: "add" }) } : null}>
      <DataTable
        caption="Labels"
        columns={columns}
        data={rows}
        loading={false}
        empty={<p>No labels yet. Labels classify it, and the lists filter by them.</p>}
        getRowId={(row) => row.key}
      />
      <p className="hint">
        Keys with a <Link href={`/tenants/${tenantId}/label-definitions`}>label definition</Link> must hold values its JSON Schema accepts.
      </p>
      {dialog?.kind === "add" || dialog?.kind === "edit" ? (
        <LabelDialog label={dialog.kind === "edit" ? dialog.label : undefined} schemas={schemas} onSet={onSet} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === "remove" ? (
        <ConfirmDialog
          onOpenChange={(open) => !open && setDialog(null)}
          title={`Remove the label ${dialog.label.key}?`}
          description="Lists filtered by this label no longer show it."
          confirmLabel="Remove label"
          onConfirm={async () => {
            await inApiWords(onDelete(dialog.label.key));
            toast.success(`Removed the label ${dialog.label.key}`);
          }}
        />
      ) : null}
    </PageSection>
  );
}

const FIELDS = ["key", "value"] as const;
type Field = (typeof FIELDS)[number];

function LabelDialog({
  label,
  schemas,
  onSet,
  onClose,
}: {
  label?: LabelRow;
  schemas: Map<string, string | null>;
  onSet: (key: string, value: unknown) => Promise<unknown>;
  onClose: () => void;
}) {
  const [key, setKey] = useState(label?.key ?? "");
  const [valueText, setValueText] = useState(label ? asText(label.value) : "");
  const schema = schemas.get(key.trim());
  const value = parseLabelValue(valueText.trim());

  const ruleErrors: FieldErrors<Field> = {};
  const keyProblem = labelKeyProblem(key);
  if (keyProblem) ruleErrors.key = keyProblem;
  else if (READ_ONLY_KEYS.has(key.trim())) ruleErrors.key = `The label "${key.trim()}" is read-only: the server keeps it`;
  if (!valueText.trim()) ruleErrors.value = "Enter a value";
  else {
    const problem = labelValueProblem(schema, value);
    if (problem) ruleErrors.value = problem;
  }
  const form = useFormErrors(FIELDS, ruleErrors);

  const { submission } = useDialogSubmit(
    form,
    async () => {
      await onSet(key.trim(), value);
      return `Saved the label ${key.trim()}`;
    },
    { onClose },
  );

  return (
    <FormDialog title={label ? `Edit the label ${label.key}` : "Add label"} {...submission} submitLabel="Save label" onClose={onClose}>
      {label ? null : <KeyField id="label-key" {...form.bind("key", key, setKey)} hint="Letters, digits and underscores." />}
      <TextField
        id="label-value"
        label="Value"
        {...form.bind("value", valueText, setValueText)}
        hint={
          <>
            JSON (<code>&quot;prod&quot;</code>, <code>3</code>, <code>[&quot;a&quot;, &quot;b&quot;]</code>); other text is taken as a string.
            {schema ? " Checked against this key's label definition as you type." : null}
          </>
        }
        multiline
        required
        autoFocus={!!label}
      />
    </FormDialog>
  );
}
