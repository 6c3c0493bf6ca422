"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useMemo, useState } from "react";
import { Breadcrumbs } from "@/components/console/breadcrumbs";
import { useCanWrite } from "@/components/console/console-providers";
import { inApiWords } from "@/components/console/graphql-problem";
import { PageHeader } from "@/components/console/page-header";
import { inTenant } from "@/components/tenant-objects/tenant-context";
import { TenantDetailDocument } from "@/components/tenants/tenants.generated";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable, queryRows } from "@/components/ui/data-table";
import { actionsColumn } from "@/components/ui/data-table-columns";
import { ListPagination } from "@/components/ui/data-table-pagination";
import { RowActions } from "@/components/ui/row-actions";
import { Timestamp } from "@/components/ui/timestamp";
import { useToast } from "@/components/ui/toast";
import { useListUrlState } from "@/components/ui/use-list-url-state";
import { CreateFormationDialog } from "./create-formation-dialog";
import { DeleteFormationDocument, FormationTemplateChoicesDocument, type FormationFieldsFragment, TenantFormationsDocument } from "./formations.generated";

// The API lists formations oldest first and offers no other order.
const NO_SORT_FIELDS: readonly string[] = [];

/** A tenant's formations (Compass's named scenarios), a page at a time, with create and delete. */
export function FormationList({ tenantId }: { tenantId: string }) {
  const canWrite = useCanWrite();
  const context = inTenant(tenantId);
  const list = useListUrlState(NO_SORT_FIELDS);
  const [dialog, setDialog] = useState<{ kind: "create" } | { kind: "delete"; formation: FormationFieldsFragment } | null>(null);
  const tenant = useQuery(TenantDetailDocument, { variables: { id: tenantId } });
  const templates = useQuery(FormationTemplateChoicesDocument);
  const { data, previousData, loading, error, refetch } = useQuery(TenantFormationsDocument, {
    context,
    variables: { first: list.pageSize, after: list.after },
    fetchPolicy: "network-only",
    notifyOnNetworkStatusChange: true,
  });
  const page = (data ?? previousData)?.formations;
  const [remove] = useMutation(DeleteFormationDocument, { context });
  const toast = useToast();
  const templateNames = useMemo(() => new Map((templates.data?.formationTemplates.data ?? []).map(({ id, name }) => [id, name])), [templates.data]);

  const columns = useMemo<ColumnDef<FormationFieldsFragment>[]>(
    () => [
      {
        id: "name",
        header: "Name",
        cell: ({ row }) => (
          <Link className="row-title" href={`/tenants/${tenantId}/formations/${row.original.id}`}>
            {row.original.name}
          </Link>
        ),
      },
      {
        id: "template",
        header: "Template",
        meta: { hideOnMobile: true },
        cell: ({ row }) => templateNames.get(row.original.formationTemplateId) ?? <code>{row.original.formationTemplateId}</code>,
      },
      { id: "state", header: "State", cell: ({ row }) => <span className="badge">{row.original.state}</span> },
      {
        id: "created",
        header: "Created",
        meta: { hideOnMobile: true },
        // A formation's state is set when it is created and changes only for a DRAFT one, which the console does not make.
        cell: ({ row }) => (row.original.lastStateChangeTimestamp ? <Timestamp iso={row.original.lastStateChangeTimestamp} relative /> : "—"),
      },
      actionsColumn<FormationFieldsFragment>((formation) =>
        canWrite ? (
          <RowActions
            name={`formation ${formation.name}`}
            actions={[{ label: "Delete", danger: true, onClick: () => setDialog({ kind: "delete", formation }) }]}
          />
        ) : null,
      ),
    ],
    [canWrite, tenantId, templateNames],
  );

  const tenantName = tenant.data?.tenant?.name ?? "Tenant";
  const createButton = canWrite ? (
    <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: "create" })}>
      Create formation
    </button>
  ) : null;
  return (
    <>
      <Breadcrumbs trail={[{ label: "Tenants", href: "/tenants" }, { label: tenantName, href: `/tenants/${tenantId}` }, { label: "Formations" }]} />
      <PageHeader
        title="Formations"
        lead={`The named scenarios of ${tenantName}, each bringing together the applications and runtimes assigned to it; oldest first.`}
        actions={createButton}
      />
      <DataTable
        caption="Formations"
        columns={columns}
        {...queryRows({ loading, error, refetch }, page?.data)}
        empty={
          <>
            <p>
              <strong>No formations yet.</strong> A formation brings applications and runtimes of the tenant together.
            </p>
            {createButton}
          </>
        }
        getRowId={(row) => row.id}
      />
      <ListPagination list={list} page={page} idPrefix="formations" />
      {dialog?.kind === "create" ? (
        <CreateFormationDialog
          tenantId={tenantId}
          templates={templates.data?.formationTemplates.data ?? []}
          onClose={() => setDialog(null)}
          onSaved={() => void refetch()}
        />
      ) : null}
      {dialog?.kind === "delete" ? (
        <ConfirmDialog
          onOpenChange={(open) => (open ? undefined : setDialog(null))}
          title={`Delete the formation ${dialog.formation.name}?`}
          description="Refused while an application, runtime or subaccount is assigned to it: unassign them first."
          confirmLabel="Delete formation"
          onConfirm={async () => {
            await inApiWords(remove({ variables: { formation: { name: dialog.formation.name } } }));
            toast.success(`Deleted the formation ${dialog.formation.name}`);
            void refetch();
          }}
        />
      ) : null}
    </>
  );
}
