"use client";

import { CodeDetail } from "@/components/ui/code-detail";
import { Timestamp } from "@/components/ui/timestamp";
import { defineConsoleKind } from "../console-kind";
import { ObjectDetail } from "../object-detail";
import { DescriptionAndStatus, StatusBadge } from "../status-condition";
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
      <DescriptionAndStatus object={runtime} />
      <CodeDetail term="Application namespace" value={runtime.applicationNamespace} />
      <CodeDetail term="Eventing URL" value={runtime.eventingConfiguration?.defaultURL} missing="Set the runtime_eventServiceUrl label to give one" />
      <CodeDetail term="ID" value={runtime.id} />
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
