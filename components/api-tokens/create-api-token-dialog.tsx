"use client";

import { useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { API_TOKEN_NAME_MAX, apiTokenNameProblem } from "@/lib/api-token-rules";
import { MAX_EXPIRY_DAYS, expiryDaysProblem } from "@/lib/credential-rules";
import { lengthOf } from "@/lib/names";
import { type FieldErrors, useFormErrors, useFormSubmit } from "@/components/console/use-form-errors";
import { FieldError } from "@/components/ui/field-error";
import { FormDialog } from "@/components/ui/form-dialog";
import { formatDateTime } from "@/components/ui/format";
import { TextField } from "@/components/ui/text-field";
import { useCanWrite } from "@/components/console/console-providers";
import { ScopeChecklist } from "@/components/ui/scope-checklist";
import { CreateApiTokenDocument, TokenScopeChoicesDocument } from "./api-tokens.generated";

const FIELDS = ["name", "expiresInDays", "scopes", "readOnly"] as const;
type Field = (typeof FIELDS)[number];

/** The days field as the API wants it: empty means no expiry; anything not a whole number stays NaN and fails the rule. */
const parseDays = (text: string) => (text.trim() === "" ? null : /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

/** What the token may do: everything its user may (admins only), only reads, or the scopes ticked. */
type Access = "all" | "readOnly" | "scopes";
const ACCESS_WORDS: Record<Access, { label: string; description: string }> = {
  all: { label: "All of your rights", description: "acts as you do, your account and other users included" },
  readOnly: { label: "Read-only", description: "reads what you may read and changes nothing" },
  scopes: { label: "Chosen scopes", description: "only what you tick below, within your rights" },
};

/** The server's rules (lib/api-token-rules.ts, lib/credential-rules.ts), checked as the user types, in the server's own words. */
function validate(name: string, days: string, access: Access, scopes: readonly string[]): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  if (access === "scopes" && scopes.length === 0) errors.scopes = "Tick at least one scope";
  const nameError = apiTokenNameProblem(name);
  if (nameError) errors.name = nameError;
  const daysError = expiryDaysProblem(parseDays(days));
  if (daysError) errors.expiresInDays = daysError;
  return errors;
}

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
export function CreateApiTokenDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (created: { token: string; name: string }) => void }) {
  const [name, setName] = useState("");
  const [days, setDays] = useState(DEFAULT_EXPIRY_DAYS);
  const isAdmin = useCanWrite();
  // Admins keep what a token always was by default; a viewer's tokens are read-only.
  const defaultAccess: Access = isAdmin ? "all" : "readOnly";
  const [access, setAccess] = useState<Access>(defaultAccess);
  // null: all of the choices, until the user unticks one.
  const [chosen, setChosen] = useState<string[] | null>(null);
  const choices = useQuery(TokenScopeChoicesDocument).data?.viewer?.scopes ?? [];
  const scopes = chosen ?? choices;
  const [create] = useMutation(CreateApiTokenDocument, { fetchPolicy: "no-cache" });

  const form = useFormErrors(FIELDS, validate(name, days, access, scopes), { touchOnBlur: true });

  const { submission } = useFormSubmit(form, async () => {
    const { data } = await create({
      variables: {
        name: name.trim(),
        expiresInDays: parseDays(days),
        readOnly: access === "readOnly" || null,
        scopes: access === "scopes" ? scopes : null,
      },
    });
    const created = data!.createApiToken;
    onCreated({ token: created.token, name: created.apiToken.name });
  });

  return (
    <FormDialog
      title="Create API token"
      description="The token acts as you, within your role, for scripts and automation that call the GraphQL API."
      {...submission}
      submitLabel="Create token"
      savingLabel="Creating…"
      onClose={onClose}
    >
      <TextField
        id="api-token-name"
        label="Name"
        {...form.bind("name", name, setName)}
        hint={`What uses it, e.g. “nightly export”. ${lengthOf(name.trim())} / ${API_TOKEN_NAME_MAX} characters.`}
        required
        autoFocus
      />
      <TextField
        id="api-token-expiry"
        label="Expires after (days)"
        {...form.bind("expiresInDays", days, setDays)}
        hint={<span aria-live="polite">{expiryHint(days)}</span>}
        inputMode="numeric"
      />
      <fieldset className="field" aria-describedby={form.errorOf("readOnly") ? "api-token-access-error" : undefined}>
        <legend>Access</legend>
        {(Object.keys(ACCESS_WORDS) as Access[])
          .filter((choice) => isAdmin || choice !== "all")
          .map((choice) => (
            <label key={choice} className="radio-option">
              <input type="radio" name="api-token-access" value={choice} checked={access === choice} onChange={() => setAccess(choice)} />
              <span>
                <strong>{ACCESS_WORDS[choice].label}</strong>: {ACCESS_WORDS[choice].description}
              </span>
            </label>
          ))}
        <FieldError id="api-token-access-error" error={form.errorOf("readOnly")} />
      </fieldset>
      {access === "scopes" ? (
        <>
          <ScopeChecklist
            id="api-token-scopes"
            legend="Scopes"
            hint="Never more than your role allows at the time of each call. At least one."
            choices={choices}
            chosen={chosen}
            onChange={(next) => {
              setChosen(next);
              form.edited("scopes");
            }}
          />
          {form.errorOf("scopes") ? <span className="field-error">{form.errorOf("scopes")}</span> : null}
        </>
      ) : null}
    </FormDialog>
  );
}
