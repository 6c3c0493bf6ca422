"use client";

import { useMutation } from "@apollo/client/react";
import { type ChangeEvent, type FormEvent, useId, useState } from "react";
import { CREDENTIAL_NOTE_MAX, credentialNoteProblem } from "@/lib/credential-rules";
import { graphqlProblem } from "@/components/console/graphql-problem";
import { Dialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { useToast } from "@/components/ui/toast";
import { SetCredentialNoteDocument } from "./integration-system-detail.generated";

/** Edits a credential's note ("prod cluster", "CI"); blank clears it. */
export function CredentialNoteDialog({ credential, onOpenChange }: { credential: { id: string; note: string | null }; onOpenChange: (open: boolean) => void }) {
  const [note, setNote] = useState(credential.note ?? "");
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const toast = useToast();
  const [save, { loading }] = useMutation(SetCredentialNoteDocument);
  const problem = credentialNoteProblem(note.trim());

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    if (problem) return setError(problem);
    try {
      await save({ variables: { id: credential.id, note: note.trim() || null } });
      toast.success(note.trim() ? "Note saved" : "Note removed");
      onOpenChange(false);
    } catch (failure) {
      setError(graphqlProblem(failure).message);
    }
  }

  return (
    <Dialog
      open
      onOpenChange={(open) => !loading && onOpenChange(open)}
      title="Credential note"
      description={
        <>
          For client ID <code>{credential.id}</code>. Leave it empty to remove it.
        </>
      }
    >
      <form onSubmit={submit}>
        <FormAlert message={error} />
        <div className="field">
          <label htmlFor={inputId}>Note</label>
          <input id={inputId} {...noteInputProps(note, setNote, !!problem)} autoFocus />
          <span className="hint">At most {CREDENTIAL_NOTE_MAX} characters.</span>
        </div>
        <div className="dialog-footer">
          <button type="button" className="btn btn-secondary" onClick={() => onOpenChange(false)} disabled={loading}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={loading}>
            {loading ? "Saving…" : "Save note"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The props of a credential's note input ("prod cluster", "CI"), held to the server's length. */
export function noteInputProps(value: string, onChange: (value: string) => void, invalid: boolean) {
  return {
    value,
    maxLength: CREDENTIAL_NOTE_MAX,
    placeholder: "prod cluster, CI, …",
    "aria-invalid": invalid ? true : undefined,
    onChange: (event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value),
  };
}
