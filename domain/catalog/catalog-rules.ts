import { badInput } from "@/domain/errors";
import { newId } from "@/lib/ids";
import { type AuthInput, type StoredAuth, validAuthInput } from "@/domain/webhooks/webhook-rules";
import { openAuth, sealAuth } from "@/domain/webhooks/webhook-auth";

/**
 * Compass's rules for what an application offers (pkg/graphql/*_validation.go:
 * bundle, api_definition, event_definition, document, fetch_request, version,
 * integration_dependency), shared by the kinds in
 * domain/tenant-objects/kinds/{bundle,api-definition,event-definition,document,integration-dependency}.ts.
 * Limits and their reasons: docs/decisions/0030-catalog.md.
 */

/** The most a spec's or document's text may hold, in UTF-8 bytes, stored or fetched (decision 0030). */
export const MAX_SPEC_BYTES = 2 * 1024 * 1024;

/** Compass's limits: names 100 printable ASCII characters (bundles, APIs, events), descriptions 2000, URLs 256, groups 36. */
export const CATALOG_LIMITS = { name: 100, description: 2000, url: 256, group: 36, documentTitle: 128, kind: 256, filter: 256, shortText: 256 } as const;

const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

export function requiredText(raw: string | null | undefined, field: string, max: number, { ascii = false } = {}): string {
  const text = raw?.trim() ?? "";
  if (!text) throw badInput(field, "cannot be blank");
  return checkedText(text, field, max, ascii);
}

/** Undefined when omitted, null when empty. */
export function optionalText(raw: string | null | undefined, field: string, max: number): string | null {
  const text = raw?.trim();
  return text ? checkedText(text, field, max, false) : null;
}

function checkedText(text: string, field: string, max: number, ascii: boolean): string {
  if ([...text].length > max) throw badInput(field, `the length must be no more than ${max}`);
  if (ascii && !PRINTABLE_ASCII.test(text)) throw badInput(field, "must contain only printable ASCII characters");
  return text;
}

export const validName = (raw: string, field: string) => requiredText(raw, field, CATALOG_LIMITS.name, { ascii: true });
export const validDescription = (raw: string | null | undefined, field: string) => optionalText(raw, field, CATALOG_LIMITS.description);

/** Compass's URL check (ozzo's is.URL): a scheme is optional ("kyma-project.io" passes), but when given, http or https only, and never credentials in it. */
export function validLooseUrl(raw: string | null | undefined, field: string, { required = true } = {}): string | null {
  const url = required ? requiredText(raw, field, CATALOG_LIMITS.url) : optionalText(raw, field, CATALOG_LIMITS.url);
  if (url === null) return null;
  if (/\s/.test(url)) throw badInput(field, "must be a valid URL");
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    throw badInput(field, "must be a valid URL");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw badInput(field, "must be an http or https URL");
  if (parsed.username || parsed.password) throw badInput(field, "must not hold a user name or password: put credentials in `auth`, which is stored encrypted");
  if (!parsed.hostname.includes(".") && parsed.hostname !== "localhost" && !parsed.hostname.startsWith("[")) throw badInput(field, "must be a valid URL");
  return url;
}

/**
 * Compass's AuthInput where an application gives credentials (a fetch
 * request's, a bundle's default instance auth): a webhook's rules, but its
 * OAuth URLs checked as Compass checks them ("url.net" passes).
 */
export const validCatalogAuth = (input: AuthInput | null | undefined, field: string) => validAuthInput(input, field, (value, at) => validLooseUrl(value, at)!);

/** Text a client sends as a spec's or document's data: at most MAX_SPEC_BYTES. */
export function validData(raw: string | null | undefined, field: string): string | null {
  if (raw === null || raw === undefined) return null;
  if (Buffer.byteLength(raw, "utf8") > MAX_SPEC_BYTES) throw badInput(field, `at most ${MAX_SPEC_BYTES} bytes`);
  return raw;
}

function oneOf<T extends string>(value: string | null | undefined, allowed: readonly T[], field: string): T {
  if (!value || !allowed.includes(value as T)) throw badInput(field, `must be one of ${allowed.join(", ")}`);
  return value as T;
}

export interface VersionInput {
  value: string;
  deprecated?: boolean | null;
  deprecatedSince?: string | null;
  forRemoval?: boolean | null;
}
export interface StoredVersion {
  value: string;
  deprecated: boolean | null;
  deprecatedSince: string | null;
  forRemoval: boolean | null;
}

/** Compass's VersionInput (value required, at most 256), stored as JSON. */
export function validVersion(input: VersionInput | null | undefined, field: string): string | null {
  if (!input) return null;
  const version: StoredVersion = {
    value: requiredText(input.value, `${field}.value`, CATALOG_LIMITS.shortText),
    deprecated: input.deprecated ?? false,
    deprecatedSince: optionalText(input.deprecatedSince, `${field}.deprecatedSince`, CATALOG_LIMITS.shortText),
    forRemoval: input.forRemoval ?? false,
  };
  return JSON.stringify(version);
}

const FETCH_MODES = ["SINGLE", "BUNDLE", "INDEX"] as const;
export type FetchCondition = "INITIAL" | "SUCCEEDED" | "FAILED";

export interface FetchRequestInput {
  url: string;
  auth?: AuthInput | null;
  mode?: string | null;
  filter?: string | null;
}

/** A fetch request as stored (JSON), without its auth, which is sealed apart. */
export interface StoredFetchRequest {
  url: string;
  mode: (typeof FETCH_MODES)[number];
  filter: string | null;
  status: { condition: FetchCondition; message: string | null; timestamp: string };
}

/** The columns a fetch request writes: its JSON and its sealed auth (sealed under a column value the row keeps: the spec's or document's id). */
interface FetchColumns {
  fetchRequest: string | null;
  fetchAuthSealed: string | null;
}

export const fetchStatus = (condition: FetchCondition, message: string | null = null): StoredFetchRequest["status"] => ({
  condition,
  message,
  timestamp: new Date().toISOString(),
});

/** Compass's FetchRequestInput: url required (at most 256), mode SINGLE by default, filter at most 256, auth as a webhook's; the auth still to seal. */
export function validFetchRequest(input: FetchRequestInput | null | undefined, field: string): { fetchRequest: string | null; fetchAuth: StoredAuth | null } {
  if (!input) return { fetchRequest: null, fetchAuth: null };
  const url = validLooseUrl(input.url, `${field}.url`)!;
  const mode = input.mode ? oneOf(input.mode, FETCH_MODES, `${field}.mode`) : "SINGLE";
  const filter = optionalText(input.filter, `${field}.filter`, CATALOG_LIMITS.filter);
  const { auth } = validCatalogAuth(input.auth, `${field}.auth`);
  const stored: StoredFetchRequest = { url, mode, filter, status: fetchStatus("INITIAL") };
  return { fetchRequest: JSON.stringify(stored), fetchAuth: auth };
}

export const sealFetchAuth = (sealId: string, auth: StoredAuth | null) => (auth ? sealAuth(`fetch-request:${sealId}`, auth) : null);

/** The auth a fetch request was given, opened (for the fetch and for callers allowed to see credentials). */
export const fetchAuthOf = (sealId: string, sealed: string | null): StoredAuth | null => (sealed ? openAuth(`fetch-request:${sealId}`, sealed) : null);

export const parsedFetchRequest = (json: string | null): StoredFetchRequest | null => (json ? (JSON.parse(json) as StoredFetchRequest) : null);

/** Spec types and the formats each takes (Compass's APISpecInput/EventSpecInput validation). */
const SPEC_FORMATS = {
  ODATA: ["XML", "JSON"],
  OPEN_API: ["YAML", "JSON"],
  ASYNC_API: ["YAML", "JSON"],
} as const;
export type SpecType = keyof typeof SPEC_FORMATS;

interface SpecInput {
  data?: string | null;
  type: string;
  format: string;
  fetchRequest?: FetchRequestInput | null;
}

/** A spec's columns: its own id (which also seals its fetch request's auth), text, type, format and fetch request. */
export interface SpecColumns extends FetchColumns {
  specId: string | null;
  specData: string | null;
  specType: string | null;
  specFormat: string | null;
}

const NO_SPEC: SpecColumns = { specId: null, specData: null, specType: null, specFormat: null, fetchRequest: null, fetchAuthSealed: null };

function validSpec(input: SpecInput | null | undefined, field: string, types: readonly SpecType[]): SpecColumns {
  if (!input) return NO_SPEC;
  const type = oneOf(input.type, types, `${field}.type`);
  const format = oneOf(input.format, SPEC_FORMATS[type], `${field}.format`);
  const specId = newId();
  const { fetchRequest, fetchAuth } = validFetchRequest(input.fetchRequest, `${field}.fetchRequest`);
  return {
    specId,
    specData: validData(input.data, `${field}.data`),
    specType: type,
    specFormat: format,
    fetchRequest,
    fetchAuthSealed: sealFetchAuth(specId, fetchAuth),
  };
}

/** What API and event definitions' inputs have alike. */
export interface SpecDefinitionInput {
  name: string;
  description?: string | null;
  group?: string | null;
  spec?: SpecInput | null;
  version?: VersionInput | null;
}

/** An API or event definition's common fields, checked; `types`: the spec types the kind takes. */
export const validSpecDefinition = (input: SpecDefinitionInput, types: readonly SpecType[]) => ({
  name: validName(input.name, "in.name"),
  description: validDescription(input.description, "in.description"),
  group: optionalText(input.group, "in.group", CATALOG_LIMITS.group),
  ...validSpec(input.spec, "in.spec", types),
  version: validVersion(input.version, "in.version"),
});

export const DOCUMENT_FORMATS = ["MARKDOWN"] as const;

/** `[String!]` of Compass (correlationIDs), stored as JSON; each at most 256. */
export function validStringList(list: readonly string[] | null | undefined, field: string): string | null {
  if (!list) return null;
  if (list.length > 100) throw badInput(field, "at most 100 entries");
  return JSON.stringify(list.map((item, at) => requiredText(item, `${field}[${at}]`, CATALOG_LIMITS.shortText)));
}

export { oneOf };
