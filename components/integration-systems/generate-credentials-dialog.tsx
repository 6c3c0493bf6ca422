"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import { credentialNoteProblem } from "@/lib/credential-rules";
import { type FormEvent, useId, useState } from "react";
import { graphqlProblem } from "@/components/console/graphql-problem";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { noteInputProps } from "./credential-note-dialog";
import { ScopeChecklist } from "@/components/ui/scope-checklist";
import { type IssuedCredentials, CredentialsRevealDialog } from "./credentials-reveal";
import { ConfirmSecretStoredDocument, CredentialSettingsDocument, GenerateClientCredentialsDocument } from "./generate-credentials.generated";
import { useToast } from "@/components/ui/toast";
import { SelectField } from "@/components/ui/select-field";

const EXPIRY_CHOICES = [
  { days: 0, label: "Never" },
  { days: 30, label: "In 30 days" },
  { days: 90, label: "In 90 days" },
  { days: 180, label: "In 180 days" },
  { days: 365, label: "In 365 days" },
];

/**
 * "Generate credentials": choose scopes, an expiry and a note, generate, then reveal the secret
 * once. The mutation bypasses the Apollo cache, and the secret lives only in
 * this component's state until the reveal dialog is closed.
 */
export function GenerateCredentials({ system, onGenerated }: { system: { id: string; name: string }; onGenerated: () => void }) {
  const [choosing, setChoosing] = useState(false);
  const [days, setDays] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssuedCredentials | null>(null);
  const selectId = useId();
  const noteId = useId();
  const [note, setNote] = useState("");
  // null: every grantable scope (the server's default), until the user unticks one.
  const [chosen, setChosen] = useState<string[] | null>(null);
  const settings = useQuery(CredentialSettingsDocument, { skip: !choosing });
  const grantable = settings.data?.credentialSettings.grantableScopes ?? [];
  const scopes = chosen ?? grantable;
  const noteProblem = credentialNoteProblem(note.trim());
  const [generate, { loading }] = useMutation(GenerateClientCredentialsDocument, { fetchPolicy: "no-cache" });
  // keepalive: the confirmation still reaches the server when the page is left right after Close.
  const [confirm] = useMutation(ConfirmSecretStoredDocument, { context: { fetchOptions: { keepalive: true } } });
  const toast = useToast();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    if (scopes.length === 0) return setError("Choose at least one scope");
    if (noteProblem) return setError(noteProblem);
    try {
      const { data } = await generate({
        variables: { id: system.id, expiresInDays: days || null, scopes: chosen ?? null, note: note.trim() || null },
      });
      const credential = data?.generateClientCredentialsForIntegrationSystem.auth?.credential;
      if (!credential?.clientSecret) throw new Error("The server did not return a secret");
      setIssued({ systemName: system.name, clientId: credential.clientId, clientSecret: credential.clientSecret, tokenUrl: credential.url });
      setChoosing(false);
      setNote("");
      setChosen(null);
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
          <FormAlert message={error} />
          <ScopeChecklist
            id={`${selectId}-scopes`}
            legend="Scopes"
            hint="What its access tokens may do. At least one."
            choices={grantable}
            chosen={chosen}
            onChange={setChosen}
            loading={settings.loading}
          />
          <div className="field">
            <label htmlFor={noteId}>
              Note <span className="optional">(optional)</span>
            </label>
            <input id={noteId} {...noteInputProps(note, setNote, !!noteProblem)} />
          </div>
          <SelectField
            id={selectId}
            label="Expires"
            value={String(days)}
            options={EXPIRY_CHOICES.map((choice) => ({ value: String(choice.days), label: choice.label }))}
            onChange={(value) => setDays(Number(value))}
          />
          <div className="dialog-footer">
            <button type="button" className="btn btn-secondary" onClick={() => setChoosing(false)} disabled={loading}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={loading || settings.loading}>
              {loading ? "Generating…" : "Generate"}
            </button>
          </div>
        </form>
      </Dialog>
      {issued ? (
        <CredentialsRevealDialog
          credentials={issued}
          onClose={() => {
            setIssued(null);
            // Confirmed: the credential's "not confirmed" mark goes. Not awaited: the secret leaves the page now either way.
            void confirm({ variables: { id: issued.clientId } }).catch(() =>
              toast.error("Could not record that the secret is stored; the credential stays marked"),
            );
          }}
        />
      ) : null}
    </>
  );
}
