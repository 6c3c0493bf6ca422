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
 * fetched (INITIAL) is. Basic credentials in the fetch request's auth are
 * sent as Compass's fetcher sends them, to the URL's own origin only;
 * OAuth client credentials are not (docs/decisions/0030-catalog.md).
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
  const result = await fetchOutbound(absolute(request.url), {
    ...settings,
    maxBytes: MAX_SPEC_BYTES,
    acceptContentTypes: format ? ACCEPTED[format] : undefined,
    authorization: basicAuthorization(fetchAuthOf(where.sealIdOf(row), row.fetchAuthSealed)),
  });
  const status = result.ok ? fetchStatus("SUCCEEDED") : fetchStatus("FAILED", `While fetching: ${result.message}`);
  const updated: StoredFetchRequest = { ...request, status };
  return model.update({
    where: { id: row.id },
    data: { fetchRequest: JSON.stringify(updated), ...(result.ok ? { [where.dataColumn]: result.body } : {}) } as never,
  });
}

/** `Basic …` for a fetch request's basic credentials; none for any other kind of credential. */
function basicAuthorization(auth: StoredAuth | null): string | undefined {
  const credential = auth?.credential;
  if (!credential || !("basic" in credential)) return undefined;
  return `Basic ${Buffer.from(`${credential.basic.username}:${credential.basic.password}`).toString("base64")}`;
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
