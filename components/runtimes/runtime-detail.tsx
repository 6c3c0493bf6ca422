"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ObjectCredentials } from "@/components/applications/object-credentials";
import { ObjectPageShell } from "@/components/applications/object-page-shell";
import { inTenant } from "@/components/applications/tenant-context";
import { useCanWrite } from "@/components/console/console-providers";
import { asProblemError } from "@/components/console/graphql-problem";
import { LabelEditor } from "@/components/labels/label-editor";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Timestamp } from "@/components/ui/timestamp";
import { useToast } from "@/components/ui/toast";
import { RuntimeFormDialog } from "./runtime-form-dialog";
import { RuntimeStatusBadge } from "./runtime-table";
import {
  DeleteRuntimeCredentialDocument,
  DeleteRuntimeLabelDocument,
  RequestRuntimeCredentialsDocument,
  RuntimeDetailDocument,
  SetRuntimeLabelDocument,
  UnregisterRuntimeDocument,
} from "./runtimes.generated";

/** One runtime of a tenant: its details, labels and credentials. */
export function RuntimeDetail({ tenantId, id }: { tenantId: string; id: string }) {
  const canWrite = useCanWrite();
  const router = useRouter();
  const toast = useToast();
  const context = inTenant(tenantId);
  const [dialog, setDialog] = useState<"edit" | "unregister" | null>(null);
  const { data, loading, error, refetch } = useQuery(RuntimeDetailDocument, { variables: { id, tenantId }, context, fetchPolicy: "network-only" });
  const [setLabel] = useMutation(SetRuntimeLabelDocument, { context });
  const [deleteLabel] = useMutation(DeleteRuntimeLabelDocument, { context });
  const [request] = useMutation(RequestRuntimeCredentialsDocument, { context, fetchPolicy: "no-cache" });
  const [revoke] = useMutation(DeleteRuntimeCredentialDocument, { context });
  const [unregister] = useMutation(UnregisterRuntimeDocument, { context });
  const runtime = data?.runtime;

  return (
    <ObjectPageShell
      kind="runtime"
      tenant={data?.tenant}
      tenantId={tenantId}
      loading={loading && !data}
      error={error}
      found={!!runtime}
      name={runtime?.name}
      onRetry={() => void refetch()}
    >
      {() =>
        runtime ? (
          <>
            <div className="page-header">
              <div>
                <h1>{runtime.name}</h1>
                <p className="lead">Runtime in {data?.tenant?.name ?? "this tenant"}</p>
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
                <dd>{runtime.description ?? <span className="muted">—</span>}</dd>
                <dt>Status</dt>
                <dd>
                  <RuntimeStatusBadge condition={runtime.status.condition} /> since <Timestamp iso={String(runtime.status.timestamp)} />
                </dd>
                <dt>Application namespace</dt>
                <dd>{runtime.applicationNamespace ? <code>{runtime.applicationNamespace}</code> : <span className="muted">—</span>}</dd>
                <dt>ID</dt>
                <dd>
                  <code>{runtime.id}</code>
                </dd>
                <dt>Registered</dt>
                <dd>
                  <Timestamp iso={String(runtime.metadata.creationTimestamp)} />
                </dd>
              </dl>
            </section>
            <LabelEditor
              tenantId={tenantId}
              labels={runtime.labels as Record<string, unknown> | null}
              onSet={async (key, value) => {
                await setLabel({ variables: { id: runtime.id, key, value } });
                await refetch();
              }}
              onDelete={async (key) => {
                await deleteLabel({ variables: { id: runtime.id, key } });
                await refetch();
              }}
            />
            <ObjectCredentials
              owner={{ kind: "runtime", name: runtime.name }}
              credentials={runtime.auths ?? []}
              request={async () => {
                const { data: answer } = await request({ variables: { id: runtime.id } });
                return answer?.requestClientCredentialsForRuntime.auth?.credential;
              }}
              revoke={(authId) => revoke({ variables: { id: authId } })}
              onChanged={() => void refetch()}
            />
            {dialog === "edit" ? (
              <RuntimeFormDialog tenantId={tenantId} runtime={runtime} onClose={() => setDialog(null)} onSaved={() => void refetch()} />
            ) : null}
            {dialog === "unregister" ? (
              <ConfirmDialog
                open
                onOpenChange={(open) => !open && setDialog(null)}
                title={`Unregister ${runtime.name}?`}
                description="The runtime is removed from this tenant with its labels and credentials; its access tokens stop working at once. This cannot be undone."
                confirmLabel="Unregister runtime"
                onConfirm={async () => {
                  try {
                    await unregister({ variables: { id: runtime.id } });
                  } catch (failure) {
                    throw asProblemError(failure);
                  }
                  toast.success(`Unregistered ${runtime.name}`);
                  router.push(`/tenants/${tenantId}?tab=runtimes`);
                }}
              />
            ) : null}
          </>
        ) : null
      }
    </ObjectPageShell>
  );
}
