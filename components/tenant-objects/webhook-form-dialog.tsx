"use client";

import { useApolloClient, useMutation } from "@apollo/client/react";
import { type FormEvent, useEffect, useId, useState } from "react";
import { graphqlProblem } from "@/components/console/graphql-problem";
import type { AuthInput, CredentialDataInput, WebhookInput, WebhookMode, WebhookType } from "@/components/graphql-types.generated";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { WEBHOOK_MODES, WEBHOOK_TYPES } from "@/lib/compass-enums";
import type { ObjectKindName } from "./console-kind";
import { type WebhookRow, typeLabel } from "./webhook-row";
import { inTenant, type TenantDialogProps } from "./tenant-context";
import {
  AddWebhookDocument,
  ApplicationWebhookAuthsDocument,
  RuntimeWebhookAuthsDocument,
  UpdateWebhookDocument,
  type WebhookCredentialInFullFragment,
} from "./webhooks.generated";

type AuthChoice = "none" | "keep" | "basic" | "oauth";
type TextKey =
  | "url"
  | "urlTemplate"
  | "outputTemplate"
  | "statusTemplate"
  | "inputTemplate"
  | "headerTemplate"
  | "correlationIdKey"
  | "timeout"
  | "retryInterval"
  | "username"
  | "password"
  | "clientId"
  | "clientSecret"
  | "tokenUrl";

/** The API's field names (`in.url`, `in.auth.credential.basic.password`) to this form's. */
const FIELD_OF: Record<string, TextKey | "type" | "mode"> = {
  "in.type": "type",
  "in.mode": "mode",
  "in.url": "url",
  "in.urlTemplate": "urlTemplate",
  "in.outputTemplate": "outputTemplate",
  "in.statusTemplate": "statusTemplate",
  "in.inputTemplate": "inputTemplate",
  "in.headerTemplate": "headerTemplate",
  "in.correlationIdKey": "correlationIdKey",
  "in.timeout": "timeout",
  "in.retryInterval": "retryInterval",
  "in.auth.credential.basic.username": "username",
  "in.auth.credential.basic.password": "password",
  "in.auth.credential.oauth.clientId": "clientId",
  "in.auth.credential.oauth.clientSecret": "clientSecret",
  "in.auth.credential.oauth.url": "tokenUrl",
};

/** The fields most webhooks leave empty: folded under one summary, so the form starts with what every webhook needs. */
const ADVANCED: readonly TextKey[] = ["outputTemplate", "statusTemplate", "inputTemplate", "headerTemplate", "correlationIdKey", "timeout", "retryInterval"];

const credentialInput = (credential: WebhookCredentialInFullFragment | null | undefined): CredentialDataInput | null => {
  if (!credential) return null;
  if (credential.__typename === "BasicCredentialData") return { basic: { username: credential.username, password: credential.password } };
  if (credential.__typename === "OAuthCredentialData")
    return { oauth: { clientId: credential.clientId, clientSecret: credential.clientSecret ?? "", url: credential.url } };
  return { certificateOAuth: { clientId: credential.clientId, certificate: credential.certificate, url: credential.url } };
};

/**
 * Adds a webhook to an application or a runtime, or edits one. An edit
 * replaces the whole webhook (Compass's updateWebhook), so "Keep the current
 * authentication" reads the stored auth at save time, without Apollo's cache,
 * and sends it back unchanged; the secrets never sit in the form.
 */
export function WebhookFormDialog({
  owner,
  tenantId,
  webhook,
  onClose,
  onSaved,
}: TenantDialogProps & {
  owner: { kind: ObjectKindName; id: string; name: string };
  webhook?: WebhookRow;
}) {
  const ids = useId();
  const client = useApolloClient();
  const context = inTenant(tenantId);
  const [add] = useMutation(AddWebhookDocument, { context });
  const [update] = useMutation(UpdateWebhookDocument, { context });
  const [type, setType] = useState<WebhookType>(webhook?.type ?? "CONFIGURATION_CHANGED");
  const [mode, setMode] = useState<WebhookMode | "">(webhook?.mode ?? "");
  const [auth, setAuth] = useState<AuthChoice>(webhook?.auth ? "keep" : "none");
  const [text, setText] = useState<Record<TextKey, string>>({
    url: webhook?.url ?? "",
    urlTemplate: webhook?.urlTemplate ?? "",
    outputTemplate: webhook?.outputTemplate ?? "",
    statusTemplate: webhook?.statusTemplate ?? "",
    inputTemplate: webhook?.inputTemplate ?? "",
    headerTemplate: webhook?.headerTemplate ?? "",
    correlationIdKey: webhook?.correlationIdKey ?? "",
    timeout: webhook?.timeout?.toString() ?? "",
    retryInterval: webhook?.retryInterval?.toString() ?? "",
    username: "",
    password: "",
    clientId: "",
    clientSecret: "",
    tokenUrl: "",
  });
  const [errors, setErrors] = useState<Partial<Record<TextKey | "type" | "mode", string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Open when the webhook being edited has any of them, so nothing it holds is hidden.
  const [advancedOpen, setAdvancedOpen] = useState(() => ADVANCED.some((key) => text[key] !== ""));
  // Where to take focus once an error has rendered: the field it is on, or the form's alert at the top.
  // The form is taller than a phone's screen, and its submit button sits at the bottom.
  const [showError, setShowError] = useState<{ key?: TextKey | "type" | "mode" } | null>(null);
  useEffect(() => {
    if (!showError) return;
    if (showError.key) document.getElementById(`${ids}-${showError.key}`)?.focus();
    else document.querySelector('[role="dialog"] form > .alert')?.scrollIntoView({ block: "nearest" });
    setShowError(null);
  }, [showError, ids]);
  const fieldError = (key: TextKey | "type" | "mode", message: string) => {
    setErrors((current) => ({ ...current, [key]: message }));
    if ((ADVANCED as readonly string[]).includes(key)) setAdvancedOpen(true);
    setShowError({ key });
  };

  const field = (
    key: TextKey,
    label: string,
    options: { multiline?: boolean; required?: boolean; hint?: string; type?: "password"; numeric?: boolean } = {},
  ) => (
    <TextField
      id={`${ids}-${key}`}
      label={label}
      value={text[key]}
      onChange={(value) => {
        setText((current) => ({ ...current, [key]: value }));
        setErrors((current) => ({ ...current, [key]: undefined }));
      }}
      error={errors[key]}
      hint={options.hint}
      multiline={options.multiline}
      required={options.required}
      type={options.type}
      inputMode={options.numeric ? "numeric" : undefined}
      autoComplete={options.type === "password" ? "new-password" : "off"}
    />
  );

  /** The owner's webhooks with their auth in full, read past Apollo's cache. */
  async function storedAuths() {
    const options = { variables: { id: owner.id }, context, fetchPolicy: "no-cache" as const };
    if (owner.kind === "application") return (await client.query({ query: ApplicationWebhookAuthsDocument, ...options })).data?.application?.webhooks ?? [];
    return (await client.query({ query: RuntimeWebhookAuthsDocument, ...options })).data?.runtime?.webhooks ?? [];
  }

  /** The auth to send: the stored one read again for "keep", else what the form holds. */
  async function authInput(): Promise<AuthInput | null> {
    if (auth === "none") return null;
    if (auth === "basic") return { credential: { basic: { username: text.username.trim(), password: text.password } } };
    if (auth === "oauth") return { credential: { oauth: { clientId: text.clientId.trim(), clientSecret: text.clientSecret, url: text.tokenUrl.trim() } } };
    const stored = (await storedAuths()).find((candidate) => candidate.id === webhook?.id)?.auth;
    if (!stored) throw new Error("The current authentication could not be read; choose it again.");
    const csrf = stored.requestAuth?.csrf;
    return {
      credential: credentialInput(stored.credential),
      accessStrategy: stored.accessStrategy,
      certCommonName: stored.certCommonName,
      additionalHeadersSerialized: stored.additionalHeadersSerialized,
      additionalQueryParamsSerialized: stored.additionalQueryParamsSerialized,
      requestAuth: csrf
        ? {
            csrf: {
              tokenEndpointURL: csrf.tokenEndpointURL,
              credential: credentialInput(csrf.credential),
              additionalHeadersSerialized: csrf.additionalHeadersSerialized,
              additionalQueryParamsSerialized: csrf.additionalQueryParamsSerialized,
            },
          }
        : null,
    };
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const seconds = (key: "timeout" | "retryInterval") => {
      const raw = text[key].trim();
      if (!raw) return null;
      if (!/^\d+$/.test(raw)) {
        fieldError(key, "A whole number of seconds");
        throw new Error("invalid");
      }
      return Number(raw);
    };
    const optional = (key: TextKey) => (text[key].trim() ? text[key] : null);
    setSaving(true);
    setFormError(null);
    try {
      let input: WebhookInput;
      try {
        input = {
          type,
          mode: mode || null,
          url: optional("url")?.trim() ?? null,
          urlTemplate: optional("urlTemplate"),
          outputTemplate: optional("outputTemplate"),
          statusTemplate: optional("statusTemplate"),
          inputTemplate: optional("inputTemplate"),
          headerTemplate: optional("headerTemplate"),
          correlationIdKey: optional("correlationIdKey"),
          timeout: seconds("timeout"),
          retryInterval: seconds("retryInterval"),
        };
      } catch {
        return;
      }
      input.auth = await authInput();
      if (webhook) await update({ variables: { id: webhook.id, in: input } });
      else
        await add({
          variables: { in: input, applicationID: owner.kind === "application" ? owner.id : null, runtimeID: owner.kind === "runtime" ? owner.id : null },
        });
      onSaved();
      onClose();
    } catch (failure) {
      const problem =
        failure instanceof Error && !("errors" in failure) && failure.message !== "invalid" ? { message: failure.message } : graphqlProblem(failure);
      const key = "field" in problem && problem.field ? FIELD_OF[problem.field] : undefined;
      if (key) fieldError(key, problem.message);
      else {
        setFormError(problem.message);
        setShowError({});
      }
    } finally {
      setSaving(false);
    }
  }

  const select = <Value extends string>(
    key: "type" | "mode",
    label: string,
    value: Value,
    options: { value: Value; label: string }[],
    set: (value: Value) => void,
  ) => (
    <SelectField
      id={`${ids}-${key}`}
      label={label}
      value={value}
      options={options}
      onChange={(next) => {
        set(next);
        setErrors((current) => ({ ...current, [key]: undefined }));
      }}
      error={errors[key]}
    />
  );

  return (
    <FormDialog
      wide
      title={webhook ? "Edit webhook" : "Add webhook"}
      description={`A webhook of ${owner.name}. It is stored only: Compass Director does not call webhooks yet. Private and loopback addresses are refused unless the operator allows them.`}
      saving={saving}
      formError={formError}
      submitLabel={webhook ? "Save webhook" : "Add webhook"}
      onSubmit={(event) => void submit(event)}
      onClose={onClose}
    >
      {select(
        "type",
        "Type",
        type,
        WEBHOOK_TYPES.map((value) => ({ value, label: typeLabel(value) })),
        setType,
      )}
      {select<WebhookMode | "">(
        "mode",
        "Mode",
        mode,
        [{ value: "", label: "Not set" }, ...WEBHOOK_MODES.map((value) => ({ value, label: typeLabel(value) }))],
        setMode,
      )}
      {field("url", "URL", { hint: "An absolute http(s) URL. Give a URL or a URL template." })}
      {field("urlTemplate", "URL template", { multiline: true, hint: 'Instead of a URL: {"method": "POST", "path": "https://…/{{.Application.ID}}"}' })}
      <details className="form-more" open={advancedOpen} onToggle={(event) => setAdvancedOpen(event.currentTarget.open)}>
        <summary>Templates, timeout and retries</summary>
        {field("outputTemplate", "Output template", { multiline: true, hint: "Required for register and unregister application webhooks." })}
        {field("statusTemplate", "Status template", { multiline: true, hint: "Required in Async mode." })}
        {field("inputTemplate", "Input template", { multiline: true })}
        {field("headerTemplate", "Header template", { multiline: true })}
        {field("correlationIdKey", "Correlation ID key")}
        {field("timeout", "Timeout (seconds)", { numeric: true })}
        {field("retryInterval", "Retry interval (seconds)", { numeric: true })}
      </details>
      <div className="field">
        <label htmlFor={`${ids}-auth`}>Authentication</label>
        <select id={`${ids}-auth`} value={auth} onChange={(event) => setAuth(event.target.value as AuthChoice)}>
          {webhook?.auth ? <option value="keep">Keep the current authentication</option> : null}
          <option value="none">None</option>
          <option value="basic">Basic (user name and password)</option>
          <option value="oauth">OAuth 2.0 client credentials</option>
        </select>
      </div>
      {auth === "basic" ? (
        <>
          {field("username", "User name", { required: true })}
          {field("password", "Password", { required: true, type: "password" })}
        </>
      ) : null}
      {auth === "oauth" ? (
        <>
          {field("clientId", "Client ID", { required: true })}
          {field("clientSecret", "Client secret", { required: true, type: "password" })}
          {field("tokenUrl", "Token URL", { required: true })}
        </>
      ) : null}
    </FormDialog>
  );
}
