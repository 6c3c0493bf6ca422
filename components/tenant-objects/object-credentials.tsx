"use client";

import { useState } from "react";
import { useCanWrite } from "@/components/console/console-providers";
import { dialogFailureMessage } from "@/components/console/graphql-problem";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { type IssuedCredentials, CredentialsRevealDialog } from "@/components/integration-systems/credentials-reveal";
import { type Credential, CredentialsTable } from "@/components/integration-systems/credentials-table";
import type { ObjectKindName, RequestedCredential } from "./console-kind";
import { PageSection } from "@/components/ui/page-section";

/**
 * The credentials of an application or a runtime: the integration systems'
 * table and one-time reveal, with this object's request and delete
 * mutations. The secret lives only in this component's state until the
 * reveal dialog is closed; the caller runs its mutation with "no-cache".
 */
export function ObjectCredentials({
  owner,
  credentials,
  request,
  revoke,
  onChanged,
}: {
  owner: { kind: ObjectKindName; name: string };
  credentials: Credential[];
  request: () => Promise<RequestedCredential | null | undefined>;
  revoke: (id: string) => Promise<unknown>;
  onChanged: () => void;
}) {
  const canWrite = useCanWrite();
  const [confirming, setConfirming] = useState(false);
  const [issued, setIssued] = useState<IssuedCredentials | null>(null);

  async function generate() {
    const credential = await request();
    if (!credential?.clientId || !credential.clientSecret || !credential.url) throw new Error("The server did not return a secret");
    setIssued({ systemName: owner.name, clientId: credential.clientId, clientSecret: credential.clientSecret, tokenUrl: credential.url });
    onChanged();
  }

  return (
    <PageSection id="credentials" title="Credentials" action={canWrite ? { label: "Generate credentials", onClick: () => setConfirming(true) } : null}>
      <p className="lead">
        The {owner.kind} calls the API as itself with these, confined to its tenant and to{" "}
        {owner.kind === "application" ? "itself" : "itself and its tenant's applications"}.
      </p>
      <CredentialsTable
        credentials={credentials}
        empty={<p>No credentials yet.</p>}
        secretHints={false}
        onRevoke={async (id) => {
          await revoke(id);
          onChanged();
        }}
      />
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Generate client credentials"
        description={`A new client id and secret for ${owner.name}. Its other credentials keep working, so you can rotate without downtime.`}
        tone="primary"
        confirmLabel="Generate"
        busyLabel="Generating…"
        describeFailure={dialogFailureMessage}
        onConfirm={generate}
      />
      {issued ? <CredentialsRevealDialog credentials={issued} onClose={() => setIssued(null)} /> : null}
    </PageSection>
  );
}
