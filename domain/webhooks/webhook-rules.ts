import { WEBHOOK_MODES, WEBHOOK_TYPES, type WebhookMode, type WebhookType } from "@/lib/compass-enums";
import { badInput } from "@/domain/errors";
import { TEXT_MAX, TEXT_MAXIMA } from "@/domain/validation/validation";

/**
 * Compass's WebhookInput and AuthInput checks (pkg/graphql/webhook_validation.go,
 * auth_validation.go) with bounds on everything (docs/decisions/0023): the
 * type and mode enums and their pairings, url XOR urlTemplate, the templates
 * each type needs, non-negative timeouts, lengths. Synchronous and pure;
 * the URLs it collects are then checked against server-side request forgery
 * (webhook-url.ts), which may resolve names.
 */

/**
 * Bounds (decision 0023): Compass's 256 for URLs and keys; templates and
 * certificates as the API's text check admits them (TEXT_MAXIMA), secrets as
 * any other text (TEXT_MAX); header and query values, which are inside a JSON
 * scalar the text check does not open, 4096.
 */
export const WEBHOOK_LIMITS = {
  url: 256,
  shortText: 256,
  template: TEXT_MAXIMA.outputTemplate,
  secret: TEXT_MAX,
  certificate: TEXT_MAXIMA.certificate,
  /** Seconds, for timeout and retryInterval. */
  seconds: 86_400,
  headerNames: 50,
  headerValues: 20,
  headerValue: 4_096,
  /** Webhooks one object may hold, and one register input may carry. */
  perOwner: 50,
} as const;

/** The types whose calls need an outputTemplate, and those that may call back (Compass's rules). */
const OUTPUT_TEMPLATE_REQUIRED: readonly WebhookType[] = ["REGISTER_APPLICATION", "UNREGISTER_APPLICATION"];
const CALLBACK_TYPES: readonly WebhookType[] = ["CONFIGURATION_CHANGED", "APPLICATION_TENANT_MAPPING", "FORMATION_LIFECYCLE"];
const URL_TEMPLATE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

type StringLists = Record<string, string[]>;

interface CredentialDataInput {
  basic?: { username: string; password: string } | null;
  oauth?: { clientId: string; clientSecret: string; url: string } | null;
  certificateOAuth?: { clientId: string; certificate: string; url: string } | null;
}

export interface AuthInput {
  credential?: CredentialDataInput | null;
  accessStrategy?: string | null;
  additionalHeaders?: unknown;
  additionalHeadersSerialized?: unknown;
  additionalQueryParams?: unknown;
  additionalQueryParamsSerialized?: unknown;
  requestAuth?: {
    csrf?: {
      tokenEndpointURL: string;
      credential?: CredentialDataInput | null;
      additionalHeaders?: unknown;
      additionalHeadersSerialized?: unknown;
      additionalQueryParams?: unknown;
      additionalQueryParamsSerialized?: unknown;
    } | null;
  } | null;
  certCommonName?: string | null;
  oneTimeToken?: unknown;
}

export interface WebhookInput {
  type: string;
  url?: string | null;
  auth?: AuthInput | null;
  mode?: string | null;
  version?: string | null;
  correlationIdKey?: string | null;
  retryInterval?: number | null;
  timeout?: number | null;
  urlTemplate?: string | null;
  inputTemplate?: string | null;
  headerTemplate?: string | null;
  outputTemplate?: string | null;
  statusTemplate?: string | null;
}

/** A credential as stored (sealed) and answered. */
export type StoredCredential =
  | { basic: { username: string; password: string } }
  | { oauth: { clientId: string; clientSecret: string; url: string } }
  | { certificateOAuth: { clientId: string; certificate: string; url: string } };

/** The auth as stored (sealed, webhook-auth.ts) and answered to callers allowed to see it. */
export interface StoredAuth {
  credential: StoredCredential | null;
  accessStrategy: string | null;
  additionalHeaders: StringLists | null;
  additionalQueryParams: StringLists | null;
  requestAuth: {
    csrf: { tokenEndpointURL: string; credential: StoredCredential | null; additionalHeaders: StringLists | null; additionalQueryParams: StringLists | null };
  } | null;
  certCommonName: string | null;
}

/** The columns of a valid webhook, and the URLs whose hosts must be public (field → URL). */
export interface ValidWebhook {
  columns: {
    type: WebhookType;
    mode: WebhookMode | null;
    version: string | null;
    correlationIdKey: string | null;
    retryInterval: number | null;
    timeout: number | null;
    url: string | null;
    urlTemplate: string | null;
    inputTemplate: string | null;
    headerTemplate: string | null;
    outputTemplate: string | null;
    statusTemplate: string | null;
  };
  auth: StoredAuth | null;
  /** Every URL a later call would reach, by the input field that holds it; a template's only where its host is written out. */
  targets: { field: string; url: string }[];
}

const isBlank = (value: string) => value.trim() === "";

function text(value: string | null | undefined, field: string, max: number, { required = false } = {}): string | null {
  if (value === null || value === undefined) {
    if (required) throw badInput(field, "Required");
    return null;
  }
  if (isBlank(value)) {
    if (required) throw badInput(field, "cannot be blank");
    return null;
  }
  if ([...value].length > max) throw badInput(field, `At most ${max} characters`);
  if (value.includes("\u0000")) throw badInput(field, "Must not contain NUL characters");
  return value;
}

function seconds(value: number | null | undefined, field: string): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 0 || value > WEBHOOK_LIMITS.seconds) throw badInput(field, `An integer from 0 to ${WEBHOOK_LIMITS.seconds}`);
  return value;
}

/** An absolute http(s) URL without credentials in it (they belong in `auth`, which is encrypted); answers it trimmed. */
function httpUrl(value: string | null | undefined, field: string, { required = false } = {}): string | null {
  const raw = text(value, field, WEBHOOK_LIMITS.url, { required });
  if (raw === null) return null;
  const trimmed = raw.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw badInput(field, "Must be an absolute URL, e.g. https://hooks.example.com/path");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw badInput(field, "Must be an http or https URL");
  if (parsed.username || parsed.password) throw badInput(field, "Must not hold a user name or password: put credentials in `auth`, which is stored encrypted");
  if (!parsed.hostname) throw badInput(field, "Must name a host");
  return trimmed;
}

/** Go template actions must open and close in pairs (Compass parses them with text/template). */
function template(value: string | null | undefined, field: string): string | null {
  const raw = text(value, field, WEBHOOK_LIMITS.template);
  if (raw === null) return null;
  let depth = 0;
  for (let at = 0; at < raw.length - 1; at++) {
    const pair = raw[at] + raw[at + 1];
    if (pair === "{{") {
      if (depth > 0) throw badInput(field, "A template action ({{ … }}) opens inside another");
      depth++;
      at++;
    } else if (pair === "}}" && depth > 0) {
      depth--;
      at++;
    }
  }
  if (depth !== 0) throw badInput(field, "A template action ({{ … }}) is not closed");
  return raw;
}

/**
 * A template action right after the host (`http://127.0.0.1{{.Path}}`) may
 * add a port or a path, or lengthen a name: an IP address written out is
 * judged as it stands (the action cannot make it public), a partial name is
 * left to the call (`https://api{{.Region}}.example.com` is a real pattern).
 */
function partialIpTarget(literal: string): string | null {
  if (!/^https?:\/\/[^/?#@]+$/i.test(literal)) return null;
  try {
    const url = new URL(`${literal}/`);
    return /^[\d.]+$|^\[/.test(url.hostname) ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Compass's urlTemplate: a JSON object `{"method": "...", "path": "..."}`
 * whose path may hold template actions. Answers the URL a call would reach
 * when its scheme and host are written out before any action, else null.
 */
function urlTemplateTarget(value: string, field: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw badInput(field, 'Must be a JSON object {"method": "...", "path": "..."}');
  }
  const { method, path } = (parsed ?? {}) as { method?: unknown; path?: unknown };
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || typeof path !== "string" || isBlank(path)) {
    throw badInput(field, 'Must be a JSON object {"method": "...", "path": "..."} with a path');
  }
  if (typeof method !== "string" || !URL_TEMPLATE_METHODS.includes(method))
    throw badInput(field, `Its method must be one of ${URL_TEMPLATE_METHODS.join(", ")}`);
  const literal = path.split("{{")[0];
  // The authority ends at the first "/", "?" or "#" after the scheme: only then is the host known.
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+[/?#]/i.exec(literal);
  if (!match) return partialIpTarget(literal);
  let url: URL;
  try {
    url = new URL(match[0]);
  } catch {
    throw badInput(field, "Its path must be an absolute URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw badInput(field, "Its path must be an http or https URL");
  if (url.username || url.password) throw badInput(field, "Its path must not hold a user name or password: put credentials in `auth`");
  return match[0];
}

function oneOf<T extends string>(value: string | null | undefined, allowed: readonly T[], field: string): T | null {
  if (value === null || value === undefined) return null;
  if (!allowed.includes(value as T)) throw badInput(field, `One of ${allowed.join(", ")}`);
  return value as T;
}

/** HttpHeaders / QueryParams, from the object or its serialized twin (not both): names and values required, bounded. */
function stringLists(object: unknown, serialized: unknown, field: string, what: "header" | "query parameter"): StringLists | null {
  if (object && serialized) throw badInput(`${field}Serialized`, `Give ${field.split(".").pop()} or ${field.split(".").pop()}Serialized, not both`);
  let lists: unknown = object ?? null;
  const at = serialized ? `${field}Serialized` : field;
  if (serialized) {
    try {
      lists = JSON.parse(String(serialized));
    } catch {
      throw badInput(at, "Must be a JSON object of string lists");
    }
  }
  if (lists === null) return null;
  if (typeof lists !== "object" || Array.isArray(lists)) throw badInput(at, "Must be an object of string lists");
  const entries = Object.entries(lists as Record<string, unknown>);
  if (entries.length > WEBHOOK_LIMITS.headerNames) throw badInput(at, `At most ${WEBHOOK_LIMITS.headerNames} ${what}s`);
  const out: StringLists = {};
  for (const [name, values] of entries) {
    if (isBlank(name)) throw badInput(at, `A ${what} name cannot be blank`);
    if (name.length > WEBHOOK_LIMITS.shortText) throw badInput(at, `A ${what} name has at most ${WEBHOOK_LIMITS.shortText} characters`);
    if (what === "header" && !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw badInput(at, `"${name.slice(0, 64)}" is not an HTTP header name`);
    if (!Array.isArray(values) || values.length === 0) throw badInput(at, `The ${what} "${name.slice(0, 64)}" needs at least one value`);
    if (values.length > WEBHOOK_LIMITS.headerValues) throw badInput(at, `At most ${WEBHOOK_LIMITS.headerValues} values per ${what}`);
    for (const value of values) {
      if (typeof value !== "string" || value === "") throw badInput(at, `The values of the ${what} "${name.slice(0, 64)}" cannot be blank`);
      if (value.length > WEBHOOK_LIMITS.headerValue) throw badInput(at, `A ${what} value has at most ${WEBHOOK_LIMITS.headerValue} characters`);
      // A line break in a header value would smuggle a header or a request when it is sent.
      if (/[\r\n\u0000]/.test(value)) throw badInput(at, `A ${what} value must not contain line breaks`);
    }
    out[name] = [...values];
  }
  return out;
}

/** How an auth's URLs are checked: a webhook's as absolute http(s) URLs; others may say otherwise (validAuthInput). */
type UrlCheck = (value: string | null | undefined, field: string) => string;
const requiredHttpUrl: UrlCheck = (value, field) => httpUrl(value, field, { required: true })!;

function credential(
  input: CredentialDataInput | null | undefined,
  field: string,
  targets: ValidWebhook["targets"],
  urlOf: UrlCheck = requiredHttpUrl,
): StoredCredential | null {
  if (input === null || input === undefined) return null;
  const given = [input.basic, input.oauth, input.certificateOAuth].filter((item) => item !== null && item !== undefined);
  if (given.length !== 1) throw badInput(field, "exactly one credential input has to be specified: basic, oauth or certificateOAuth");
  if (input.basic) {
    return {
      basic: {
        username: text(input.basic.username, `${field}.basic.username`, WEBHOOK_LIMITS.shortText, { required: true })!,
        password: text(input.basic.password, `${field}.basic.password`, WEBHOOK_LIMITS.secret, { required: true })!,
      },
    };
  }
  if (input.oauth) {
    const url = urlOf(input.oauth.url, `${field}.oauth.url`);
    targets.push({ field: `${field}.oauth.url`, url });
    return {
      oauth: {
        clientId: text(input.oauth.clientId, `${field}.oauth.clientId`, WEBHOOK_LIMITS.shortText, { required: true })!,
        clientSecret: text(input.oauth.clientSecret, `${field}.oauth.clientSecret`, WEBHOOK_LIMITS.secret, { required: true })!,
        url,
      },
    };
  }
  const cert = input.certificateOAuth!;
  const url = urlOf(cert.url, `${field}.certificateOAuth.url`);
  targets.push({ field: `${field}.certificateOAuth.url`, url });
  return {
    certificateOAuth: {
      clientId: text(cert.clientId, `${field}.certificateOAuth.clientId`, WEBHOOK_LIMITS.shortText, { required: true })!,
      certificate: text(cert.certificate, `${field}.certificateOAuth.certificate`, WEBHOOK_LIMITS.certificate, { required: true })!,
      url,
    },
  };
}

function auth(input: AuthInput | null | undefined, field: string, targets: ValidWebhook["targets"], urlOf: UrlCheck = requiredHttpUrl): StoredAuth | null {
  if (input === null || input === undefined) return null;
  if (input.oneTimeToken !== null && input.oneTimeToken !== undefined) {
    throw badInput(
      `${field}.oneTimeToken`,
      "One-time tokens pair applications and runtimes, which Compass Director does not do; a webhook's auth cannot hold one",
    );
  }
  const csrf = input.requestAuth ? input.requestAuth.csrf : undefined;
  if (input.requestAuth && !csrf) throw badInput(`${field}.requestAuth.csrf`, "Required");
  let requestAuth: StoredAuth["requestAuth"] = null;
  if (csrf) {
    const at = `${field}.requestAuth.csrf`;
    const tokenEndpointURL = urlOf(csrf.tokenEndpointURL, `${at}.tokenEndpointURL`);
    targets.push({ field: `${at}.tokenEndpointURL`, url: tokenEndpointURL });
    requestAuth = {
      csrf: {
        tokenEndpointURL,
        credential: credential(csrf.credential, `${at}.credential`, targets, urlOf),
        additionalHeaders: stringLists(csrf.additionalHeaders, csrf.additionalHeadersSerialized, `${at}.additionalHeaders`, "header"),
        additionalQueryParams: stringLists(csrf.additionalQueryParams, csrf.additionalQueryParamsSerialized, `${at}.additionalQueryParams`, "query parameter"),
      },
    };
  }
  return {
    credential: credential(input.credential, `${field}.credential`, targets, urlOf),
    accessStrategy: text(input.accessStrategy, `${field}.accessStrategy`, WEBHOOK_LIMITS.shortText),
    additionalHeaders: stringLists(input.additionalHeaders, input.additionalHeadersSerialized, `${field}.additionalHeaders`, "header"),
    additionalQueryParams: stringLists(input.additionalQueryParams, input.additionalQueryParamsSerialized, `${field}.additionalQueryParams`, "query parameter"),
    requestAuth,
    certCommonName: text(input.certCommonName, `${field}.certCommonName`, WEBHOOK_LIMITS.shortText),
  };
}

/** Checks one WebhookInput; `field` is where it is in the request (`in`, `in.webhooks[0]`). */
export function validWebhookInput(input: WebhookInput, field = "in"): ValidWebhook {
  const type = oneOf(input.type, WEBHOOK_TYPES, `${field}.type`);
  if (!type) throw badInput(`${field}.type`, "Required");
  const mode = oneOf(input.mode, WEBHOOK_MODES, `${field}.mode`);
  if (mode === "ASYNC_CALLBACK" && !CALLBACK_TYPES.includes(type)) {
    throw badInput(`${field}.mode`, `ASYNC_CALLBACK is for ${CALLBACK_TYPES.join(", ")} webhooks only`);
  }
  if (mode === "ASYNC" && CALLBACK_TYPES.includes(type)) throw badInput(`${field}.mode`, `${type} webhooks are SYNC or ASYNC_CALLBACK`);
  const targets: ValidWebhook["targets"] = [];
  const url = httpUrl(input.url, `${field}.url`);
  const urlTemplate = template(input.urlTemplate, `${field}.urlTemplate`);
  if (url === null && urlTemplate === null) throw badInput(`${field}.url`, "missing webhook url: give url or urlTemplate");
  if (url !== null && urlTemplate !== null) throw badInput(`${field}.urlTemplate`, "cannot provide both webhook url and url template");
  if (url !== null) targets.push({ field: `${field}.url`, url });
  if (urlTemplate !== null) {
    const target = urlTemplateTarget(urlTemplate, `${field}.urlTemplate`);
    if (target) targets.push({ field: `${field}.urlTemplate`, url: target });
  }
  const outputTemplate = template(input.outputTemplate, `${field}.outputTemplate`);
  if (outputTemplate === null && OUTPUT_TEMPLATE_REQUIRED.includes(type))
    throw badInput(`${field}.outputTemplate`, `outputTemplate is required for type: ${type}`);
  const statusTemplate = template(input.statusTemplate, `${field}.statusTemplate`);
  if (mode === "ASYNC" && statusTemplate === null) throw badInput(`${field}.statusTemplate`, "missing webhook status template: ASYNC webhooks need one");
  return {
    columns: {
      type,
      mode,
      version: text(input.version, `${field}.version`, WEBHOOK_LIMITS.shortText),
      correlationIdKey: text(input.correlationIdKey, `${field}.correlationIdKey`, WEBHOOK_LIMITS.shortText),
      retryInterval: seconds(input.retryInterval, `${field}.retryInterval`),
      timeout: seconds(input.timeout, `${field}.timeout`),
      url,
      urlTemplate,
      inputTemplate: template(input.inputTemplate, `${field}.inputTemplate`),
      headerTemplate: template(input.headerTemplate, `${field}.headerTemplate`),
      outputTemplate,
      statusTemplate,
    },
    auth: auth(input.auth, `${field}.auth`, targets),
    targets,
  };
}

/** The `webhooks` of a register input: each checked, at most WEBHOOK_LIMITS.perOwner. */
export function validWebhookInputs(inputs: readonly WebhookInput[] | null | undefined, field: string): ValidWebhook[] {
  if (!inputs) return [];
  if (inputs.length > WEBHOOK_LIMITS.perOwner) throw badInput(field, `At most ${WEBHOOK_LIMITS.perOwner} webhooks`);
  return inputs.map((input, index) => validWebhookInput(input, `${field}[${index}]`));
}

/**
 * Compass's AuthInput checked alone, where something other than a webhook
 * holds credentials (a spec's fetch request, a bundle's default instance auth,
 * an instance auth): the same rules, and the URLs it names.
 */
export function validAuthInput(
  input: AuthInput | null | undefined,
  field: string,
  urlOf: UrlCheck = requiredHttpUrl,
): { auth: StoredAuth | null; targets: ValidWebhook["targets"] } {
  const targets: ValidWebhook["targets"] = [];
  return { auth: auth(input, field, targets, urlOf), targets };
}
