"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import Link from "next/link";
import { Timestamp } from "@/components/ui/timestamp";
import { ApplicationFormDialog } from "./application-form-dialog";
import {
  ApplicationDetailDocument,
  DeleteApplicationCredentialDocument,
  DeleteApplicationLabelDocument,
  RequestApplicationCredentialsDocument,
  SetApplicationLabelDocument,
  UnregisterApplicationDocument,
} from "./applications.generated";
import { ObjectPage } from "@/components/tenant-objects/object-page";
import { ObjectPageShell } from "@/components/tenant-objects/object-page-shell";
import { inTenant } from "@/components/tenant-objects/tenant-context";

/** One application of a tenant: its details, labels and credentials. */
export function ApplicationDetail({ tenantId, id }: { tenantId: string; id: string }) {
  const context = inTenant(tenantId);
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
          <ObjectPage
            kind="application"
            object={application}
            tenantId={tenantId}
            tenantName={data?.tenant?.name}
            credentials={application.auths ?? []}
            setLabel={(key, value) => setLabel({ variables: { id: application.id, key, value } })}
            deleteLabel={(key) => deleteLabel({ variables: { id: application.id, key } })}
            requestCredential={async () => {
              const { data: answer } = await request({ variables: { id: application.id } });
              return answer?.requestClientCredentialsForApplication.auth?.credential;
            }}
            revokeCredential={(authId) => revoke({ variables: { id: authId } })}
            unregister={() => unregister({ variables: { id: application.id } })}
            unregisterDescription="The application is removed from this tenant with its labels and credentials; its access tokens stop working at once. This cannot be undone."
            afterUnregisterHref={`/tenants/${tenantId}`}
            editDialog={(close) => <ApplicationFormDialog tenantId={tenantId} application={application} onClose={close} onSaved={() => void refetch()} />}
            refetch={refetch}
            details={
              <>
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
              </>
            }
          />
        ) : null
      }
    </ObjectPageShell>
  );
}
