import type { WebhookHostPolicy } from "./webhook-hosts";

/**
 * Fetching a URL someone else chose (a spec's `fetchRequest.url`) without
 * letting them reach this server's own network: server-side request forgery
 * refused at every step, docs/decisions/0029. The operator's exceptions are
 * the same WEBHOOK_ALLOWED_HOSTS policy webhooks use (one place for "these
 * private hosts are fine for outbound calls"); plain http only when the
 * caller says the operator allows it (SPEC_FETCH_ALLOW_HTTP for specs).
 *
 * Never throws for the target's failures: the answer says what went wrong in
 * a message safe to store and show (no credentials, no query string).
 */

/** How a host name is resolved to its addresses; tests pass a stub. Each call is one DNS answer. */
export type OutboundLookup = (hostname: string) => Promise<readonly { address: string; family: 4 | 6 }[]>;

export interface OutboundFetchOptions {
  /** The operator's exceptions (config.webhookAllowedHosts). */
  policy: WebhookHostPolicy;
  /** Whether plain http is allowed at all (config.specFetchAllowHttp); https is always allowed. */
  allowHttp: boolean;
  /** The whole fetch, redirects and a slow body included. */
  timeoutMs: number;
  /** The body's cap in bytes, enforced while it streams in. */
  maxBytes: number;
  /** Media types accepted (`application/json`, `text/yaml`, ...; no parameters); any when absent. */
  acceptContentTypes?: readonly string[];
  /** DNS resolution; the system's resolver when absent. */
  lookup?: OutboundLookup;
}

export type OutboundFetchFailure = "refused" | "timeout" | "too_large" | "http_status" | "content_type" | "network";

export type OutboundFetchResult =
  | { ok: true; body: string; contentType: string; finalUrl: string }
  | { ok: false; reason: OutboundFetchFailure; message: string };

/** GETs `url` under the SSRF rules above; resolves with the body or the reason it was not fetched. */
export async function fetchOutbound(url: string, options: OutboundFetchOptions): Promise<OutboundFetchResult> {
  void url;
  void options;
  return { ok: false, reason: "network", message: "Outbound fetching is being built (branch fetcher)" };
}
