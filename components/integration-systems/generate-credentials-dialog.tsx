"use client";

import { useMutation } from "@apollo/client/react";
import { type FormEvent, useId, useState } from "react";
import { graphqlProblem } from "../console/graphql-problem";
import { Dialog } from "../ui/dialog";
import { type IssuedCredentials, CredentialsRevealDialog } from "./credentials-reveal";
import { GenerateClientCredentialsDocument } from "./generate-credentials.generated";

const EXPIRY_CHOICES = [
  { days: 0, label: "Never" },
  { days: 30, label: "In 30 days" },
  { days: 90, label: "In 90 days" },
  { days: 180, label: "In 180 days" },
  { days: 365, label: "In 365 days" },
];

/**
 * "Generate credentials": choose an expiry, generate, then reveal the secret
 * once. The mutation bypasses the Apollo cache, and the secret lives only in
 * this component's state until the reveal dialog is closed.
 */
export function GenerateCredentials({ system, onGenerated }: { system: { id: string; name: string }; onGenerated: () => void }) {
  const [choosing, setChoosing] = useState(false);
  const [days, setDays] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssuedCredentials | null>(null);
  const selectId = useId();
  const [generate, { loading }] = useMutation(GenerateClientCredentialsDocument, { fetchPolicy: "no-cache" });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      const { data } = await generate({ variables: { id: system.id, expiresInDays: days || null } });
      const credential = data?.generateClientCredentialsForIntegrationSystem.auth?.credential;
      if (!credential?.clientSecret) throw new Error("The server did not return a secret");
      setIssued({ systemName: system.name, clientId: credential.clientId, clientSecret: credential.clientSecret, tokenUrl: credential.url });
      setChoosing(false);
      onGenerated();
    } catch (failure) {
      setError(graphqlProblem(failure).message);
    }
  }

  return (
    <>
      <button type="button" className="btn btn-primary" onClick={() => setChoosing(true)}>
        Generate credentials
      </button>
      <Dialog
        open={choosing}
        onOpenChange={(open) => !loading && setChoosing(open)}
        title="Generate client credentials"
        description={`A new client id and secret for ${system.name}. Its other credentials keep working, so you can rotate without downtime.`}
      >
        <form onSubmit={submit}>
          {error ? (
            <div className="alert" role="alert">
              {error}
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={selectId}>Expires</label>
            <select id={selectId} value={days} onChange={(event) => setDays(Number(event.target.value))}>
              {EXPIRY_CHOICES.map((choice) => (
                <option key={choice.days} value={choice.days}>
                  {choice.label}
                </option>
              ))}
            </select>
          </div>
          <div className="dialog-footer">
            <button type="button" className="btn btn-secondary" onClick={() => setChoosing(false)} disabled={loading}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={loading}>
              {loading ? "Generating…" : "Generate"}
            </button>
          </div>
        </form>
      </Dialog>
      {issued ? <CredentialsRevealDialog credentials={issued} onClose={() => setIssued(null)} /> : null}
    </>
  );
}
