import type { Db, Tx } from "@/lib/db";
import type { Config } from "@/lib/config";
import { type OutboundFetchOptions, fetchOutbound } from "@/lib/outbound-fetch";
import { notFound } from "@/domain/errors";
import type { StoredAuth } from "@/domain/webhooks/webhook-rules";
import { MAX_SPEC_BYTES, type StoredFetchRequest, fetchAuthOf, fetchStatus, parsedFetchRequest } from "./catalog-rules";

/**
 * Fetching a spec or a document from its fetch request (Compass's
 * `fetchRequest`), through lib/outbound-fetch.ts, which refuses this server's
 * own network unless the operator allows it. Runs after the transaction that
 * stored the request, never inside one (a slow target holds no lock). A
 * failed fetch is written on the fetch request's status (FAILED, with the
 * reason) and never fails the mutation, as in Compass.
 */

/** What an operator decides about outbound fetches, from the configuration; tests pass `lookup` to stub DNS. */
export type OutboundSettings = Pick<OutboundFetchOptions, "policy" | "allowHttp" | "timeoutMs" | "lookup">;

export const outboundSettingsOf = (config: Pick<Config, "webhookAllowedHosts" | "specFetchAllowHttp" | "specFetchTimeoutMs">): OutboundSettings => ({
  policy: config.webhookAllowedHosts,
  allowHttp: config.specFetchAllowHttp,
  timeoutMs: config.specFetchTimeoutMs,
});

/** The media types a spec or document may come as, by its format (text/plain from servers that know no better). */
const ACCEPTED: Record<string, readonly string[]> = {
  JSON: ["application/json", "text/json", "text/plain", "application/vnd.oai.openapi+json"],
  YAML: ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain", "application/vnd.oai.openapi"],
  XML: ["application/xml", "text/xml", "text/plain"],
  MARKDOWN: ["text/markdown", "text/x-markdown", "text/plain"],
};

/** Where a row keeps its fetched text and the id its fetch request's auth is sealed under. */
export interface FetchedText {
  dataColumn: "specData" | "data";
  sealIdOf(row: FetchableRow): string;
  formatOf(row: FetchableRow): string | null;
}

export interface FetchableRow {
  id: string;
  fetchRequest: string | null;
  fetchAuthSealed: string | null;
}

/** A fetch request's absolute URL: Compass takes "kyma-project.io" as a URL; fetched, it means https. */
const absolute = (url: string) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`);

/**
 * Fetches the text a row's fetch request names and writes it with the
 * request's new status; answers the updated row. `force` fetches again
 * whatever the status (refetchAPISpec); otherwise only a request not yet
 * fetched (INITIAL) is. The fetch request's credentials are used as
 * Compass's fetcher uses them (see authorizationFor), and sent to the URL's
 * own origin only.
 */
async function fetchText<Row extends FetchableRow>(
  model: { update(args: { where: { id: string }; data: never }): PromiseLike<Row> },
  row: Row,
  where: FetchedText,
  settings: OutboundSettings | undefined,
  { force = false } = {},
): Promise<Row> {
  // Compass: refetching the spec of a definition that has none is an error, not an empty answer.
  if (force && where.formatOf(row) === null) throw notFound("spec", row.id, "refetching the spec of a definition that has none");
  const request = parsedFetchRequest(row.fetchRequest);
  if (!settings || !request || (!force && request.status.condition !== "INITIAL")) return row;
  const format = where.formatOf(row);
  const authorization = await authorizationFor(fetchAuthOf(where.sealIdOf(row), row.fetchAuthSealed), settings);
  const result = authorization.ok
    ? await fetchOutbound(absolute(request.url), {
        ...settings,
        maxBytes: MAX_SPEC_BYTES,
        acceptContentTypes: format ? ACCEPTED[format] : undefined,
        authorization: authorization.header,
      })
    : authorization;
  const status = result.ok ? fetchStatus("SUCCEEDED") : fetchStatus("FAILED", authorization.ok ? `While fetching: ${result.message}` : result.message);
  const updated: StoredFetchRequest = { ...request, status };
  return model.update({
    where: { id: row.id },
    data: { fetchRequest: JSON.stringify(updated), ...(result.ok ? { [where.dataColumn]: result.body } : {}) } as never,
  });
}

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;

/** An OAuth2 token answer's body is small; anything larger is not one. */
const MAX_TOKEN_ANSWER_BYTES = 64 * 1024;
/** An access token goes into a header: visible ASCII, bounded. */
const ACCESS_TOKEN = /^[\x21-\x7e]{1,8192}$/;

type Authorization = { ok: true; header?: string } | { ok: false; message: string };

/**
 * The `Authorization` header a fetch request's credentials give, as Compass's fetcher does: basic
 * credentials as `Basic …`; OAuth client credentials exchanged first for an access token at their
 * token URL (the client_credentials grant, through the same outbound rules; the client authenticates
 * with HTTP Basic and, if the token endpoint refuses that, with the credentials in the form, as
 * Go's oauth2 package auto-detects) and sent as `Bearer …`. Certificate OAuth needs a client
 * certificate this server does not hold: the fetch goes without it. Messages name URLs, never secrets.
 */
async function authorizationFor(auth: StoredAuth | null, settings: OutboundSettings): Promise<Authorization> {
  const credential = auth?.credential;
  if (!credential) return { ok: true };
  if ("basic" in credential) return { ok: true, header: basic(credential.basic.username, credential.basic.password) };
  if (!("oauth" in credential)) return { ok: true };
  const { clientId, clientSecret, url } = credential.oauth;
  const tokenRequest = (form: Record<string, string>, authorization?: string) =>
    fetchOutbound(absolute(url), { ...settings, maxBytes: MAX_TOKEN_ANSWER_BYTES, acceptContentTypes: ["application/json"], form, authorization });
  let answer = await tokenRequest({ grant_type: "client_credentials" }, basic(encodeURIComponent(clientId), encodeURIComponent(clientSecret)));
  if (!answer.ok && answer.reason === "http_status") {
    answer = await tokenRequest({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret });
  }
  if (!answer.ok) return { ok: false, message: `While getting an OAuth token: ${answer.message}` };
  let token: unknown;
  try {
    token = (JSON.parse(answer.body) as { access_token?: unknown } | null)?.access_token;
  } catch {
    token = undefined;
  }
  if (typeof token !== "string" || !ACCESS_TOKEN.test(token)) {
    return { ok: false, message: "While getting an OAuth token: the token endpoint's answer holds no usable access_token" };
  }
  return { ok: true, header: `Bearer ${token}` };
}

type UpdatableModel<Row> = (db: Db | Tx) => { update(args: { where: { id: string }; data: never }): PromiseLike<Row> };

/** The kinds' hook: `afterCommit(db, row, options)` fetches what a new or changed row's fetch request names. */
export const fetchAfterCommit =
  <Row extends FetchableRow>(modelOf: UpdatableModel<Row>, where: FetchedText) =>
  (db: Db, row: Row, options: { outbound?: OutboundSettings; force?: boolean }) =>
    fetchText(modelOf(db), row, where, options.outbound, { force: options.force });

/** A row with a spec (API and event definitions). */
interface SpecRow extends FetchableRow {
  specId: string | null;
  specFormat: string | null;
}

/** The hook of a kind with a spec: fetched into `specData`, its fetch request's auth sealed under the spec's id. */
export const fetchSpecAfterCommit = <Row extends SpecRow>(modelOf: UpdatableModel<Row>) =>
  fetchAfterCommit(modelOf, {
    dataColumn: "specData",
    sealIdOf: (row) => (row as Row).specId!,
    formatOf: (row) => (row as Row).specFormat,
  });
