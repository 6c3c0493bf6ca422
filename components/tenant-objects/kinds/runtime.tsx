"use client";

import { Timestamp } from "@/components/ui/timestamp";
import { defineConsoleKind } from "../console-kind";
import { ObjectDetail } from "../object-detail";
import { StatusBadge } from "../status-condition";
import { RuntimeContexts } from "./runtime-context";
import { RuntimeFormDialog } from "./runtime-form-dialog";
import {
  DeleteRuntimeCredentialDocument,
  PairRuntimeDocument,
  DeleteRuntimeLabelDocument,
  RequestRuntimeCredentialsDocument,
  RuntimeDetailDocument,
  SetRuntimeLabelDocument,
  TenantRuntimesDocument,
  UnregisterRuntimeDocument,
} from "./runtimes.generated";

/** Runtimes in the console: registered by people or by integration systems with the runtime:write scope. */
export const RUNTIME = defineConsoleKind({
  documents: {
    list: TenantRuntimesDocument,
    detail: RuntimeDetailDocument,
    unregister: UnregisterRuntimeDocument,
    setLabel: SetRuntimeLabelDocument,
    deleteLabel: DeleteRuntimeLabelDocument,
    requestCredentials: RequestRuntimeCredentialsDocument,
    deleteCredential: DeleteRuntimeCredentialDocument,
    requestOneTimeToken: PairRuntimeDocument,
  },
  pageOf: (data) => data.runtimes,
  objectOf: (data) => data.runtime,
  tenantOf: (data) => data.tenant,
  credentialOf: (answer) => answer.requestClientCredentialsForRuntime.auth?.credential,
})({
  kind: "runtime",
  plural: "runtimes",
  listHref: (tenantId) => `/tenants/${tenantId}?tab=runtimes`,
  columns: [
    { id: "status", header: "Status", cell: ({ row }) => <StatusBadge condition={row.original.status.condition} /> },
    {
      id: "createdAt",
      header: "Registered",
      meta: { hideOnMobile: true },
      cell: ({ row }) => <Timestamp iso={String(row.original.metadata.creationTimestamp)} />,
    },
  ],
  emptyHint: (
    <>
      <strong>No runtimes in this tenant yet.</strong> Register one, or let an integration system with the runtime:write scope do it.
    </>
  ),
  unregisterFromList:
    "The runtime is removed from this tenant with its labels, credentials and runtime contexts; its access tokens stop working at once. This cannot be undone.",
  unregisterFromPage:
    "The runtime is removed from this tenant with its labels, credentials and runtime contexts; its access tokens stop working at once. This cannot be undone.",
  details: (runtime) => (
    <>
      <dt>Description</dt>
      <dd>{runtime.description ?? <span className="muted">—</span>}</dd>
      <dt>Status</dt>
      <dd>
        <StatusBadge condition={runtime.status.condition} /> since <Timestamp iso={String(runtime.status.timestamp)} />
      </dd>
      <dt>Application namespace</dt>
      <dd>{runtime.applicationNamespace ? <code>{runtime.applicationNamespace}</code> : <span className="muted">—</span>}</dd>
      <dt>Eventing URL</dt>
      <dd>
        {runtime.eventingConfiguration?.defaultURL ? (
          <code>{runtime.eventingConfiguration.defaultURL}</code>
        ) : (
          <span className="muted" title="Set the runtime_eventServiceUrl label to give one">
            —
          </span>
        )}
      </dd>
      <dt>ID</dt>
      <dd>
        <code>{runtime.id}</code>
      </dd>
      <dt>Registered</dt>
      <dd>
        <Timestamp iso={String(runtime.metadata.creationTimestamp)} />
      </dd>
    </>
  ),
  formDialog: (props) => <RuntimeFormDialog {...props} />,
  sections: (runtime, tenantId) => <RuntimeContexts tenantId={tenantId} runtimeId={runtime.id} />,
});

/** One runtime's page (a client component, so a server page can render it with plain props). */
export function RuntimeDetail({ tenantId, id }: { tenantId: string; id: string }) {
  return <ObjectDetail kind={RUNTIME} tenantId={tenantId} id={id} />;
}
