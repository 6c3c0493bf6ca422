"use client";

import Link from "next/link";
import { createdColumn } from "@/components/ui/data-table-columns";
import { CreatedAndUpdated, Timestamp } from "@/components/ui/timestamp";
import { defineConsoleKind } from "../console-kind";
import { ObjectDetail } from "../object-detail";
import { StatusBadge } from "../status-condition";
import { ApplicationFormDialog } from "./application-form-dialog";
import { ApplicationOffers } from "./bundle";
import {
  ApplicationDetailDocument,
  DeleteApplicationCredentialDocument,
  PairApplicationDocument,
  DeleteApplicationLabelDocument,
  RequestApplicationCredentialsDocument,
  SetApplicationLabelDocument,
  TenantApplicationsDocument,
  UnregisterApplicationDocument,
} from "./applications.generated";

/** Who manages an application: a link to its integration system, or a muted "none". */
function ManagedBy({ system }: { system: { id: string; name: string } | null | undefined }) {
  return system ? <Link href={`/integration-systems/${system.id}`}>{system.name}</Link> : <span className="muted">No integration system</span>;
}

/** A text field of the page, or a muted dash when it has none. */
const orDash = (value: string | null | undefined, code = false) => (value ? code ? <code>{value}</code> : value : <span className="muted">—</span>);

/** Applications in the console: registered by integration systems, which manage them. */
export const APPLICATION = defineConsoleKind({
  documents: {
    list: TenantApplicationsDocument,
    detail: ApplicationDetailDocument,
    unregister: UnregisterApplicationDocument,
    setLabel: SetApplicationLabelDocument,
    deleteLabel: DeleteApplicationLabelDocument,
    requestCredentials: RequestApplicationCredentialsDocument,
    deleteCredential: DeleteApplicationCredentialDocument,
    requestOneTimeToken: PairApplicationDocument,
  },
  pageOf: (data) => data.applications,
  objectOf: (data) => data.application,
  tenantOf: (data) => data.tenant,
  credentialOf: (answer) => answer.requestClientCredentialsForApplication.auth?.credential,
})({
  kind: "application",
  plural: "applications",
  listHref: (tenantId) => `/tenants/${tenantId}`,
  columns: [
    { id: "status", header: "Status", cell: ({ row }) => <StatusBadge condition={row.original.status.condition} /> },
    {
      id: "integrationSystem",
      header: "Managed by",
      // On a phone the name and its actions fill the row; the application's page names its manager.
      meta: { hideOnMobile: true },
      cell: ({ row }) => <ManagedBy system={row.original.integrationSystem} />,
    },
    createdColumn("Registered"),
  ],
  emptyHint: (
    <>
      <strong>No applications in this tenant yet.</strong> Integration systems register them with their own credentials.
    </>
  ),
  unregisterFromList: "The application is removed from this tenant. This cannot be undone.",
  unregisterFromPage:
    "The application is removed from this tenant with its labels and credentials; its access tokens stop working at once. This cannot be undone.",
  // What it offers (issue 23): bundles, API and event definitions.
  sections: (application, tenantId) => <ApplicationOffers tenantId={tenantId} applicationId={application.id} />,
  details: (application) => (
    <>
      <dt>Description</dt>
      <dd>{application.description ?? <span className="muted">—</span>}</dd>
      <dt>Status</dt>
      <dd>
        <StatusBadge condition={application.status.condition} /> since <Timestamp iso={String(application.status.timestamp)} />
      </dd>
      <dt>Provider</dt>
      <dd>{orDash(application.providerName)}</dd>
      <dt>Base URL</dt>
      <dd>{orDash(application.baseUrl, true)}</dd>
      <dt>Health check URL</dt>
      <dd>{orDash(application.healthCheckURL, true)}</dd>
      <dt>Default eventing URL</dt>
      <dd>
        {application.eventingConfiguration?.defaultURL ? (
          <code>{application.eventingConfiguration.defaultURL}</code>
        ) : (
          <span className="muted" title="Put it in a scenario with a runtime that has the runtime_eventServiceUrl label">
            —
          </span>
        )}
      </dd>
      <dt>Managed by</dt>
      <dd>
        <ManagedBy system={application.integrationSystem} />
      </dd>
      {application.systemNumber || application.systemStatus ? (
        <>
          <dt>System number</dt>
          <dd>
            {orDash(application.systemNumber, true)}
            {application.systemStatus ? <span className="muted"> ({application.systemStatus})</span> : null}
          </dd>
        </>
      ) : null}
      {application.localTenantID ? (
        <>
          <dt>Local tenant ID</dt>
          <dd>
            <code>{application.localTenantID}</code>
          </dd>
        </>
      ) : null}
      {application.applicationNamespace ? (
        <>
          <dt>Application namespace</dt>
          <dd>
            <code>{application.applicationNamespace}</code>
          </dd>
        </>
      ) : null}
      {application.applicationTemplateID ? (
        <>
          <dt>Template</dt>
          <dd>
            <code>{application.applicationTemplateID}</code>
          </dd>
        </>
      ) : null}
      <dt>ID</dt>
      <dd>
        <code>{application.id}</code>
      </dd>
      <CreatedAndUpdated object={application} created="Registered" />
    </>
  ),
  formDialog: (props) => <ApplicationFormDialog {...props} />,
});

/** One application's page (a client component, so a server page can render it with plain props). */
export function ApplicationDetail({ tenantId, id }: { tenantId: string; id: string }) {
  return <ObjectDetail kind={APPLICATION} tenantId={tenantId} id={id} />;
}
