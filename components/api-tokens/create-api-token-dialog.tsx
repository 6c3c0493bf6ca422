"use client";

import { useMutation } from "@apollo/client/react";
import { type FormEvent, useState } from "react";
import { API_TOKEN_NAME_MAX, apiTokenNameProblem } from "@/lib/api-token-rules";
import { MAX_EXPIRY_DAYS, expiryDaysProblem } from "@/lib/credential-rules";
import { lengthOf } from "@/lib/names";
import { FormAlert } from "@/components/auth/form-parts";
import { type FieldErrors, useFormErrors } from "@/components/console/use-form-errors";
import { Dialog } from "@/components/ui/dialog";
import { formatDateTime } from "@/components/ui/format";
import { TextField } from "@/components/ui/text-field";
import { CreateApiTokenDocument } from "./api-tokens.generated";

const FIELDS = ["name", "expiresInDays"] as const;
type Field = (typeof FIELDS)[number];

/** The days field as the API wants it: empty means no expiry; anything not a whole number stays NaN and fails the rule. */
const parseDays = (text: string) => (text.trim() === "" ? null : /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

/** The server's rules (lib/api-token-rules.ts, lib/credential-rules.ts), checked as the user types, in the server's own words. */
function validate(name: string, days: string): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  const nameError = apiTokenNameProblem(name);
  if (nameError) errors.name = nameError;
  const daysError = expiryDaysProblem(parseDays(days));
  if (daysError) errors.expiresInDays = daysError;
  return errors;
}

const FORM_ID = "create-api-token";

/** New tokens expire after 30 days unless the user says otherwise: a forgotten token should not work for ever. */
const DEFAULT_EXPIRY_DAYS = "30";

/** "Expires on Dec 30, 2026, 09:15 CET", from the days typed, or why not. */
function expiryHint(days: string, now = Date.now()): string {
  const parsed = parseDays(days);
  if (parsed === null) return "Never expires. Leave empty only for tokens you will revoke yourself.";
  if (expiryDaysProblem(parsed)) return `From 1 to ${MAX_EXPIRY_DAYS} days, or empty for no expiry.`;
  return `Expires ${formatDateTime(new Date(now + parsed * 86_400_000).toISOString())}. From 1 to ${MAX_EXPIRY_DAYS} days, or empty for no expiry.`;
}

/**
 * Asks for a token's name and expiry and creates it. The answer holds the
 * token itself, so the mutation bypasses the Apollo cache and the token goes
 * straight to the caller's state (`onCreated`), which shows it once.
 */
export function CreateApiTokenDialog({
  open,
  onOpenChange,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (created: { token: string; name: string }) => void;
}) {
  const [name, setName] = useState("");
  const [days, setDays] = useState(DEFAULT_EXPIRY_DAYS);
  const [saving, setSaving] = useState(false);
  const [create] = useMutation(CreateApiTokenDocument, { fetchPolicy: "no-cache" });

  const form = useFormErrors(FIELDS, validate(name, days));

  function change(field: Field, value: string) {
    (field === "name" ? setName : setDays)(value);
    form.edited(field);
  }

  function reset() {
    setName("");
    setDays(DEFAULT_EXPIRY_DAYS);
    form.reset();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form.validateAll()) return;
    setSaving(true);
    try {
      const { data } = await create({ variables: { name: name.trim(), expiresInDays: parseDays(days) } });
      const created = data!.createApiToken;
      reset();
      onCreated({ token: created.token, name: created.apiToken.name });
    } catch (error) {
      form.showProblem(error);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (saving) return;
        if (!next) reset();
        onOpenChange(next);
      }}
      title="Create API token"
      description="The token acts as you, with your role, for scripts and automation that call the GraphQL API."
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={() => onOpenChange(false)} disabled={saving}>
            Cancel
          </button>
          <button type="submit" form={FORM_ID} className="btn btn-primary" disabled={saving}>
            {saving ? "Creating…" : "Create token"}
          </button>
        </>
      }
    >
      <form id={FORM_ID} onSubmit={submit} noValidate aria-busy={saving}>
        <FormAlert message={form.formError} />
        <TextField
          id="api-token-name"
          label="Name"
          value={name}
          onChange={(value) => change("name", value)}
          onBlur={() => form.touch("name")}
          error={form.errorOf("name")}
          hint={`What uses it, e.g. “nightly export”. ${lengthOf(name.trim())} / ${API_TOKEN_NAME_MAX} characters.`}
          required
          autoFocus
        />
        <TextField
          id="api-token-expiry"
          label="Expires after (days)"
          value={days}
          onChange={(value) => change("expiresInDays", value)}
          onBlur={() => form.touch("expiresInDays")}
          error={form.errorOf("expiresInDays")}
          hint={<span aria-live="polite">{expiryHint(days)}</span>}
          inputMode="numeric"
        />
      </form>
    </Dialog>
  );
}
