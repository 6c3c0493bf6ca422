"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCanWrite } from "@/components/console/console-providers";
import { DetailStates } from "@/components/console/detail-states";
import { dropList } from "@/components/console/page-form";
import { EditAndRemoveActions, PageHeader } from "@/components/console/page-header";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PageSection } from "@/components/ui/page-section";
import { CreatedAndUpdated } from "@/components/ui/timestamp";
import { useToast } from "@/components/ui/toast";
import { ApplicationTemplateDetailDocument, DeleteApplicationTemplateDocument } from "./application-templates.generated";
import { TEMPLATE_KIND } from "./template-kind";

/** The application input as it is stored, laid out: what every registration from the template starts from. */
const rendered = (applicationInput: string) => JSON.stringify(JSON.parse(applicationInput), null, 2);

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
              <div className="table-wrap">
                <table className="data-table">
                  <caption className="sr-only">Placeholders</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Description</th>
                      <th scope="col">JSON path</th>
                      <th scope="col">Required</th>
                    </tr>
                  </thead>
                  <tbody>
                    {template.placeholders.map((placeholder) => (
                      <tr key={placeholder.name}>
                        <td>
                          <code>{`{{${placeholder.name}}}`}</code>
                        </td>
                        <td>{placeholder.description ?? <span className="muted">—</span>}</td>
                        <td>{placeholder.jsonPath ? <code>{placeholder.jsonPath}</code> : <span className="muted">—</span>}</td>
                        <td>{placeholder.optional ? "Optional" : "Required"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
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
