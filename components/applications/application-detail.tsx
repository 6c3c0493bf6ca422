"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCanWrite } from "@/components/console/console-providers";
import { asProblemError } from "@/components/console/graphql-problem";
import { LabelEditor } from "@/components/labels/label-editor";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Timestamp } from "@/components/ui/timestamp";
import { useToast } from "@/components/ui/toast";
import { ApplicationFormDialog } from "./application-form-dialog";
import {
  ApplicationDetailDocument,
  DeleteApplicationCredentialDocument,
  DeleteApplicationLabelDocument,
  RequestApplicationCredentialsDocument,
  SetApplicationLabelDocument,
  UnregisterApplicationDocument,
} from "./applications.generated";
import { ObjectCredentials } from "./object-credentials";
import { ObjectPageShell } from "./object-page-shell";
import { inTenant } from "./tenant-context";

/** One application of a tenant: its details, labels and credentials. */
export function ApplicationDetail({ tenantId, id }: { tenantId: string; id: string }) {
  const canWrite = useCanWrite();
  const router = useRouter();
  const toast = useToast();
  const context = inTenant(tenantId);
  const [dialog, setDialog] = useState<"edit" | "unregister" | null>(null);
  const { data, loading, error, refetch } = useQuery(ApplicationDetailDocument, { variables: { id, tenantId }, context, fetchPolicy: "network-only" });
  const [setLabel] = useMutation(SetApplicationLabelDocument, { context });
  const [deleteLabel] = useMutation(DeleteApplicationLabelDocument, { context });
  const [request] = useMutation(RequestApplicationCredentialsDocument, { context, fetchPolicy: "no-cache" });
  const [revoke] = useMutation(DeleteApplicationCredentialDocument, { context });
  const [unregister] = useMutation(UnregisterApplicationDocument, { context });
  const application = data?.application;

  return (
    <ObjectPageShell
      kind="application"
      tenant={data?.tenant}
      tenantId={tenantId}
      loading={loading && !data}
      error={error}
      found={!!application}
      name={application?.name}
      onRetry={() => void refetch()}
    >
      {() =>
        application ? (
          <>
            <div className="page-header">
              <div>
                <h1>{application.name}</h1>
                <p className="lead">Application in {data?.tenant?.name ?? "this tenant"}</p>
              </div>
              {canWrite ? (
                <div className="page-actions">
                  <button type="button" className="btn btn-secondary" onClick={() => setDialog("edit")}>
                    Edit
                  </button>
                  <button type="button" className="btn btn-secondary btn-danger-text" onClick={() => setDialog("unregister")}>
                    Unregister
                  </button>
                </div>
              ) : null}
            </div>
            <section className="card" aria-label="Details">
              <dl className="details-grid">
                <dt>Description</dt>
                <dd>{application.description ?? <span className="muted">—</span>}</dd>
                <dt>Managed by</dt>
                <dd>
                  {application.integrationSystem ? (
                    <Link href={`/integration-systems/${application.integrationSystem.id}`}>{application.integrationSystem.name}</Link>
                  ) : (
                    <span className="muted">No integration system</span>
                  )}
                </dd>
                <dt>ID</dt>
                <dd>
                  <code>{application.id}</code>
                </dd>
                <dt>Registered</dt>
                <dd>
                  <Timestamp iso={application.createdAt} />
                </dd>
                <dt>Updated</dt>
                <dd>
                  <Timestamp iso={application.updatedAt} />
                </dd>
              </dl>
            </section>
            <LabelEditor
              tenantId={tenantId}
              labels={application.labels as Record<string, unknown> | null}
              onSet={async (key, value) => {
                await setLabel({ variables: { id: application.id, key, value } });
                await refetch();
              }}
              onDelete={async (key) => {
                await deleteLabel({ variables: { id: application.id, key } });
                await refetch();
              }}
            />
            <ObjectCredentials
              owner={{ kind: "application", name: application.name }}
              credentials={application.auths ?? []}
              request={async () => {
                const { data: answer } = await request({ variables: { id: application.id } });
                return answer?.requestClientCredentialsForApplication.auth?.credential;
              }}
              revoke={(authId) => revoke({ variables: { id: authId } })}
              onChanged={() => void refetch()}
            />
            {dialog === "edit" ? (
              <ApplicationFormDialog tenantId={tenantId} application={application} onClose={() => setDialog(null)} onSaved={() => void refetch()} />
            ) : null}
            {dialog === "unregister" ? (
              <ConfirmDialog
                open
                onOpenChange={(open) => !open && setDialog(null)}
                title={`Unregister ${application.name}?`}
                description="The application is removed from this tenant with its labels and credentials; its access tokens stop working at once. This cannot be undone."
                confirmLabel="Unregister application"
                onConfirm={async () => {
                  try {
                    await unregister({ variables: { id: application.id } });
                  } catch (failure) {
                    throw asProblemError(failure);
                  }
                  toast.success(`Unregistered ${application.name}`);
                  router.push(`/tenants/${tenantId}`);
                }}
              />
            ) : null}
          </>
        ) : null
      }
    </ObjectPageShell>
  );
}
