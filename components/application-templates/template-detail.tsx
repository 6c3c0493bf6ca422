"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCanWrite } from "@/components/console/console-providers";
import { DetailStates } from "@/components/console/detail-states";
import { dropList } from "@/components/console/page-form";
import { EditAndRemoveActions, PageHeader } from "@/components/console/page-header";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DataTable } from "@/components/ui/data-table";
import { PageSection } from "@/components/ui/page-section";
import { CreatedAndUpdated } from "@/components/ui/timestamp";
import { useToast } from "@/components/ui/toast";
import { ApplicationTemplateDetailDocument, type ApplicationTemplateDetailQuery, DeleteApplicationTemplateDocument } from "./application-templates.generated";
import { TEMPLATE_KIND } from "./template-kind";

/** The application input as it is stored, laid out: what every registration from the template starts from. */
const rendered = (applicationInput: string) => JSON.stringify(JSON.parse(applicationInput), null, 2);

type Placeholder = NonNullable<ApplicationTemplateDetailQuery["applicationTemplate"]>["placeholders"][number];

const PLACEHOLDER_COLUMNS: ColumnDef<Placeholder>[] = [
  { id: "name", header: "Name", cell: ({ row }) => <code>{`{{${row.original.name}}}`}</code> },
  { id: "description", header: "Description", cell: ({ row }) => row.original.description ?? <span className="muted">—</span> },
  { id: "jsonPath", header: "JSON path", cell: ({ row }) => (row.original.jsonPath ? <code>{row.original.jsonPath}</code> : <span className="muted">—</span>) },
  { id: "required", header: "Required", cell: ({ row }) => (row.original.optional ? "Optional" : "Required") },
];

/** One template: its details, its placeholders and its application input; admins edit or delete it. */
export function TemplateDetail({ id }: { id: string }) {
  const canWrite = useCanWrite();
  const router = useRouter();
  const toast = useToast();
  const [deleting, setDeleting] = useState(false);
  const query = useQuery(ApplicationTemplateDetailDocument, { variables: { id } });
  const [remove] = useMutation(DeleteApplicationTemplateDocument, { update: dropList("applicationTemplates") });

  return (
    <DetailStates noun={TEMPLATE_KIND.noun} trail={[TEMPLATE_KIND.list]} query={query} object={query.data?.applicationTemplate}>
      {(template) => (
        <>
          <PageHeader
            title={template.name}
            lead="Application template"
            actions={
              canWrite ? (
                <EditAndRemoveActions onEdit={() => router.push(`/application-templates/${id}/edit`)} removeLabel="Delete" onRemove={() => setDeleting(true)} />
              ) : null
            }
          />
          <section className="card" aria-label="Details">
            <dl className="details-grid">
              <dt>Description</dt>
              <dd>{template.description ?? <span className="muted">None</span>}</dd>
              <dt>Published by</dt>
              <dd>
                {template.integrationSystemID ? (
                  <Link href={`/integration-systems/${template.integrationSystemID}`}>Integration system</Link>
                ) : (
                  <span className="muted">An admin (no integration system)</span>
                )}
              </dd>
              <dt>Applications from it</dt>
              <dd>{template.applicationsCount}</dd>
              <dt>Access level</dt>
              <dd>{template.accessLevel}</dd>
              <CreatedAndUpdated object={template} />
            </dl>
          </section>
          <PageSection id="placeholders" title="Placeholders">
            {template.placeholders.length ? (
              <DataTable
                caption="Placeholders"
                columns={PLACEHOLDER_COLUMNS}
                data={template.placeholders}
                loading={false}
                empty={null}
                getRowId={(placeholder) => placeholder.name}
              />
            ) : (
              <p className="muted">None: every registration is the same application input.</p>
            )}
          </PageSection>
          <PageSection id="application-input" title="Application input">
            <pre className="code-block">{rendered(template.applicationInput)}</pre>
          </PageSection>
          <ConfirmDialog
            open={deleting}
            onOpenChange={setDeleting}
            title={`Delete ${template.name}?`}
            description={
              template.applicationsCount
                ? `${template.applicationsCount} application(s) were registered from it: the server refuses until they are unregistered.`
                : "Tenants can no longer register applications from it. Its webhooks go with it."
            }
            confirmLabel="Delete template"
            onConfirm={async () => {
              await remove({ variables: { id } });
              toast.success(`Deleted ${template.name}`);
              router.push(TEMPLATE_KIND.list.href);
            }}
          />
        </>
      )}
    </DetailStates>
  );
}
