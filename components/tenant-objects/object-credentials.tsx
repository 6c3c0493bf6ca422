"use client";

import { useState } from "react";
import { useCanWrite } from "@/components/console/console-providers";
import { graphqlProblem } from "@/components/console/graphql-problem";
import { Dialog } from "@/components/ui/dialog";
import { type IssuedCredentials, CredentialsRevealDialog } from "@/components/integration-systems/credentials-reveal";
import { type Credential, CredentialsTable } from "@/components/integration-systems/credentials-table";
import type { ObjectKindName, RequestedCredential } from "./console-kind";
import { FormAlert } from "@/components/ui/form-alert";
import { useAction } from "@/components/ui/use-action";
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
  const generating = useAction((failure) => (failure instanceof Error && !("errors" in failure) ? failure.message : graphqlProblem(failure).message));

  async function generate() {
    await generating.run(async () => {
      const credential = await request();
      if (!credential?.clientId || !credential.clientSecret || !credential.url) throw new Error("The server did not return a secret");
      setIssued({ systemName: owner.name, clientId: credential.clientId, clientSecret: credential.clientSecret, tokenUrl: credential.url });
      setConfirming(false);
      onChanged();
    });
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
      <Dialog
        open={confirming}
        onOpenChange={(open) => {
          if (generating.busy) return;
          setConfirming(open);
          generating.clearError();
        }}
        title="Generate client credentials"
        description={`A new client id and secret for ${owner.name}. Its other credentials keep working, so you can rotate without downtime.`}
        footer={
          <>
            <button type="button" className="btn btn-secondary" onClick={() => setConfirming(false)} disabled={generating.busy}>
              Cancel
            </button>
            <button type="button" className="btn btn-primary" onClick={() => void generate()} disabled={generating.busy}>
              {generating.busy ? "Generating…" : "Generate"}
            </button>
          </>
        }
      >
        <FormAlert message={generating.error} />
      </Dialog>
      {issued ? <CredentialsRevealDialog credentials={issued} onClose={() => setIssued(null)} /> : null}
    </PageSection>
  );
}
