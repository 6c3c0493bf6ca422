"use client";

import { useQuery } from "@apollo/client/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCanWrite } from "@/components/console/console-providers";
import { CodeDetail } from "@/components/ui/code-detail";
import { CreatedAndUpdated } from "@/components/ui/timestamp";
import { CredentialsTable } from "./credentials-table";
import { DeleteIntegrationSystemDialog } from "./delete-integration-system-dialog";
import { GenerateCredentials } from "./generate-credentials-dialog";
import { IntegrationSystemDetailDocument } from "./integration-system-detail.generated";
import { SystemApplications } from "./system-applications";
import { TokenEndpoints } from "./token-endpoints";
import { expiryState } from "@/lib/credential-rules";
import { plural } from "@/lib/text";
import { PageHeader } from "@/components/console/page-header";
import { DetailStates } from "@/components/console/detail-states";
import { SYSTEM_KIND } from "./system-kind";

/** One integration system: its fields, its credentials, and what can be done with them. */
export function IntegrationSystemDetail({ id }: { id: string }) {
  const canWrite = useCanWrite();
  const router = useRouter();
  const [deleting, setDeleting] = useState(false);
  const query = useQuery(IntegrationSystemDetailDocument, { variables: { id } });

  return (
    <DetailStates
      noun={SYSTEM_KIND.noun}
      trail={[SYSTEM_KIND.list]}
      query={query}
      object={query.data?.integrationSystem}
      skeleton={
        <>
          <span className="skeleton" style={{ width: "40%", height: "1.4rem" }} />
          <span className="skeleton" style={{ marginTop: "1rem" }} />
        </>
      }
    >
      {(system) => {
        const expired = system.auths.filter((auth) => expiryState(auth.expiresAt) === "expired").length;
        const expiring = system.auths.filter((auth) => expiryState(auth.expiresAt) === "expiring").length;
        return (
          <>
            <PageHeader
              title={system.name}
              lead="Integration system"
              actions={
                canWrite ? (
                  <>
                    <Link className="btn btn-secondary" href={`/integration-systems/${system.id}/edit`}>
                      Edit
                    </Link>
                    <button type="button" className="btn btn-secondary btn-danger-text" onClick={() => setDeleting(true)}>
                      Delete
                    </button>
                  </>
                ) : null
              }
            />

            <section className="card" aria-labelledby="details-heading">
              <h2 id="details-heading" className="sr-only">
                Details
              </h2>
              <dl className="details-grid">
                <CodeDetail term="ID" value={system.id} />
                <dt>Description</dt>
                <dd className="description-text">{system.description ?? <span className="muted">No description</span>}</dd>
                <CreatedAndUpdated object={system} />
              </dl>
              {canWrite ? (
                <p className="card-footer-link">
                  <Link href={`/audit-log?object=${system.id}`}>View its history in the audit log</Link>
                </p>
              ) : null}
            </section>

            <section className="section" aria-labelledby="credentials-heading">
              <div className="section-header">
                <div>
                  <h2 id="credentials-heading">Client credentials</h2>
                  <p className="muted section-lead">
                    OAuth2 client id and secret pairs. The secret is shown once, when generated; only its last characters are kept.
                  </p>
                </div>
                {canWrite ? <GenerateCredentials system={system} onGenerated={() => void query.refetch()} /> : null}
              </div>
              {expired || expiring ? (
                <p className="expiry-summary" role="status">
                  {expired ? <span className="badge badge-danger">{plural(expired, "credential")} expired</span> : null}{" "}
                  {expiring ? <span className="badge badge-warning">{plural(expiring, "credential")} expiring within 7 days</span> : null} Generate a new one
                  and switch the client over before revoking the old one.
                </p>
              ) : null}
              <CredentialsTable
                credentials={system.auths}
                empty={
                  <p>
                    <strong>No credentials yet.</strong>{" "}
                    {canWrite ? "Generate credentials to let this system fetch access tokens." : "An admin can generate them."}
                  </p>
                }
              />
            </section>

            <TokenEndpoints />

            <section className="section" aria-labelledby="applications-heading">
              <div className="section-header">
                <div>
                  <h2 id="applications-heading">Applications</h2>
                  <p className="muted section-lead">What this system manages, in every tenant. A system with applications cannot be deleted.</p>
                </div>
              </div>
              <SystemApplications systemId={system.id} />
            </section>

            {deleting ? (
              <DeleteIntegrationSystemDialog
                system={{ id: system.id, name: system.name, credentialCount: system.auths.length }}
                open
                onOpenChange={(open) => !open && setDeleting(false)}
                onDeleted={() => router.push(SYSTEM_KIND.list.href)}
              />
            ) : null}
          </>
        );
      }}
    </DetailStates>
  );
}
