"use client";

import Link from "next/link";
import { createdColumn } from "@/components/ui/data-table-columns";
import { CodeDetail } from "@/components/ui/code-detail";
import { CreatedAndUpdated } from "@/components/ui/timestamp";
import { defineConsoleKind } from "../console-kind";
import { ObjectDetail } from "../object-detail";
import { DescriptionAndStatus, StatusBadge } from "../status-condition";
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

const dash = <span className="muted">—</span>;

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
      <DescriptionAndStatus object={application} />
      <dt>Provider</dt>
      <dd>{application.providerName || dash}</dd>
      <CodeDetail term="Base URL" value={application.baseUrl} />
      <CodeDetail term="Health check URL" value={application.healthCheckURL} />
      <CodeDetail
        term="Default eventing URL"
        value={application.eventingConfiguration?.defaultURL}
        missing="Put it in a scenario with a runtime that has the runtime_eventServiceUrl label"
      />
      <dt>Managed by</dt>
      <dd>
        <ManagedBy system={application.integrationSystem} />
      </dd>
      {application.systemNumber || application.systemStatus ? (
        <>
          <dt>System number</dt>
          <dd>
            {application.systemNumber ? <code>{application.systemNumber}</code> : dash}
            {application.systemStatus ? <span className="muted"> ({application.systemStatus})</span> : null}
          </dd>
        </>
      ) : null}
      {application.localTenantID ? <CodeDetail term="Local tenant ID" value={application.localTenantID} /> : null}
      {application.applicationNamespace ? <CodeDetail term="Application namespace" value={application.applicationNamespace} /> : null}
      {application.applicationTemplateID ? <CodeDetail term="Template" value={application.applicationTemplateID} /> : null}
      <CodeDetail term="ID" value={application.id} />
      <CreatedAndUpdated object={application} created="Registered" />
    </>
  ),
  formDialog: (props) => <ApplicationFormDialog {...props} />,
});

/** One application's page (a client component, so a server page can render it with plain props). */
export function ApplicationDetail({ tenantId, id }: { tenantId: string; id: string }) {
  return <ObjectDetail kind={APPLICATION} tenantId={tenantId} id={id} />;
}
