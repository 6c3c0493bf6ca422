"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import { ObjectPage } from "@/components/tenant-objects/object-page";
import { ObjectPageShell } from "@/components/tenant-objects/object-page-shell";
import { inTenant } from "@/components/tenant-objects/tenant-context";
import { Timestamp } from "@/components/ui/timestamp";
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
  const context = inTenant(tenantId);
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
          <ObjectPage
            kind="runtime"
            object={runtime}
            tenantId={tenantId}
            tenantName={data?.tenant?.name}
            credentials={runtime.auths ?? []}
            setLabel={(key, value) => setLabel({ variables: { id: runtime.id, key, value } })}
            deleteLabel={(key) => deleteLabel({ variables: { id: runtime.id, key } })}
            requestCredential={async () => {
              const { data: answer } = await request({ variables: { id: runtime.id } });
              return answer?.requestClientCredentialsForRuntime.auth?.credential;
            }}
            revokeCredential={(authId) => revoke({ variables: { id: authId } })}
            unregister={() => unregister({ variables: { id: runtime.id } })}
            unregisterDescription="The runtime is removed from this tenant with its labels and credentials; its access tokens stop working at once. This cannot be undone."
            afterUnregisterHref={`/tenants/${tenantId}?tab=runtimes`}
            editDialog={(close) => <RuntimeFormDialog tenantId={tenantId} runtime={runtime} onClose={close} onSaved={() => void refetch()} />}
            refetch={refetch}
            details={
              <>
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
              </>
            }
          />
        ) : null
      }
    </ObjectPageShell>
  );
}
