import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { type LookupAddress, type LookupOptions, promises as dns } from "node:dns";
import { type HostJudgement, RESOLVES_INSIDE, type WebhookHostPolicy, judgeHost, refusedAddress } from "./webhook-hosts";

/**
 * Fetching a URL someone else chose (a spec's `fetchRequest.url`) without
 * letting them reach this server's own network: server-side request forgery
 * refused at every step, docs/decisions/0029. The operator's exceptions are
 * the same WEBHOOK_ALLOWED_HOSTS policy webhooks use (one place for "these
 * private hosts are fine for outbound calls"); plain http only when the
 * caller says the operator allows it (SPEC_FETCH_ALLOW_HTTP for specs).
 *
 * Each hop (the URL, then each redirect, at most MAX_REDIRECTS) is judged
 * before it is requested: scheme, no user or password in it, and its host
 * (lib/webhook-hosts.ts). A name is resolved only by the socket itself,
 * through a lookup that refuses any non-public answer, so the address
 * connected to is the address checked: a name that answered with a public
 * address to an earlier check (when the URL was stored, say) and answers
 * with a private one now is refused. One deadline covers DNS, connecting,
 * redirects and the body; the byte cap is counted as the body streams in. Nothing is sent but
 * GET, Accept and User-Agent, and the caller's Authorization to the URL's
 * own origin only (never across a redirect to another origin); no cookies
 * are kept, and compressed bodies are not asked for (the cap is on what is
 * read).
 *
 * Never throws for the target's failures: the answer says what went wrong in
 * a message safe to store and show (no user info, query string or fragment of
 * any URL, no address a name resolved to, no text the target chose).
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
  /** Media types accepted (`application/json`, `text/yaml`, ...; lower case, no parameters); any when absent. */
  acceptContentTypes?: readonly string[];
  /**
   * An `Authorization` header value (a spec's fetch credentials, e.g. `Basic ...`), sent to the
   * URL's own origin only: a redirect to another scheme, host or port goes without it.
   */
  authorization?: string;
  /**
   * Fields to POST form-encoded instead of a GET (an OAuth2 token request). Redirects are not
   * followed then: a request carrying credentials goes only where it was sent.
   */
  form?: Readonly<Record<string, string>>;
  /** DNS resolution; the system's resolver when absent. */
  lookup?: OutboundLookup;
}

type OutboundFetchFailure = "refused" | "timeout" | "too_large" | "http_status" | "content_type" | "network";

export type OutboundFetchResult =
  | {
      ok: true;
      body: string;
      /** The media type answered, lower case without parameters (`application/octet-stream` when none was given). */
      contentType: string;
      /** Where the body came from after redirects, without a fragment. */
      finalUrl: string;
    }
  | { ok: false; reason: OutboundFetchFailure; message: string };

export const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = "compass-director (spec fetch)";

/** A failure on the way, carried to fetchOutbound's answer. */
class Stop extends Error {
  constructor(
    readonly reason: OutboundFetchFailure,
    message: string,
  ) {
    super(message);
  }
}

const defaultLookup: OutboundLookup = async (hostname) =>
  (await dns.lookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

/** GETs `url` (or POSTs `form` to it) under the rules above; resolves with the body or the reason it was not fetched. */
export async function fetchOutbound(url: string, options: OutboundFetchOptions): Promise<OutboundFetchResult> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
  try {
    return await follow(url, options, deadline.signal);
  } catch (error) {
    if (error instanceof Stop) return { ok: false, reason: error.reason, message: error.message };
    if (deadline.signal.aborted) return { ok: false, reason: "timeout", message: `No complete answer within ${options.timeoutMs} ms` };
    return { ok: false, reason: "network", message: describeNetworkError(error) };
  } finally {
    clearTimeout(timer);
  }
}

async function follow(url: string, options: OutboundFetchOptions, signal: AbortSignal): Promise<OutboundFetchResult> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new Stop("refused", "The URL is not a valid absolute URL");
  }
  const origin = target.origin;
  for (let redirects = 0; ; redirects++) {
    const where = redirects === 0 ? "" : `After ${redirects} redirect${redirects === 1 ? "" : "s"}: `;
    const authorization = target.origin === origin ? options.authorization : undefined;
    const response = await request(target, options, authorization, signal, where);
    const status = response.statusCode ?? 0;
    if (REDIRECTS.has(status) && response.headers.location !== undefined) {
      response.destroy();
      if (options.form) throw new Stop("http_status", `${shown(target)} answered ${status} (a redirect); a form post is not redirected`);
      if (redirects === MAX_REDIRECTS) throw new Stop("refused", `${where}${shown(target)} redirects again; at most ${MAX_REDIRECTS} redirects are followed`);
      try {
        target = new URL(response.headers.location, target);
      } catch {
        throw new Stop("network", `${where}${shown(target)} redirects to something that is not a URL`);
      }
      continue;
    }
    if (status < 200 || status > 299) {
      response.destroy();
      throw new Stop("http_status", `${where}${shown(target)} answered ${status} ${http.STATUS_CODES[status] ?? ""}`.trimEnd());
    }
    return read(response, target, options, where);
  }
}

/** Judges one hop and sends its GET; resolves when the response's head is in. */
async function request(
  target: URL,
  options: OutboundFetchOptions,
  authorization: string | undefined,
  signal: AbortSignal,
  where: string,
): Promise<IncomingMessage> {
  if (target.protocol !== "https:" && !(target.protocol === "http:" && options.allowHttp)) {
    const allowed = options.allowHttp ? "https or http" : "https (the operator has not allowed plain http)";
    throw new Stop("refused", `${where}The URL's scheme is ${target.protocol.replace(/:$/, "").slice(0, 20)}; only ${allowed} is fetched`);
  }
  if (target.username !== "" || target.password !== "") {
    throw new Stop("refused", `${where}The URL carries a user name or password; credentials in URLs are not sent`);
  }
  const refuse = (why: string) =>
    new Stop(
      "refused",
      `${where}The host "${target.hostname}" ${why}: fetching it would let callers reach this server's own network (server-side request forgery). An operator may allow it with WEBHOOK_ALLOWED_HOSTS`,
    );
  const judged = judgeHost(options.policy, target.hostname);
  if (judged.verdict === "refused") throw refuse(judged.why);
  const resolve = options.lookup ?? defaultLookup;
  const client = target.protocol === "https:" ? https : http;
  const form = options.form ? new URLSearchParams(options.form as Record<string, string>).toString() : null;
  return new Promise((resolveResponse, reject) => {
    const outgoing = client.request(
      {
        protocol: target.protocol,
        hostname: target.hostname.replace(/^\[(.*)\]$/, "$1"),
        port: target.port || undefined,
        path: `${target.pathname}${target.search}`,
        method: form === null ? "GET" : "POST",
        headers: {
          ...(form === null ? {} : { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(form) }),
          accept: options.acceptContentTypes?.length ? options.acceptContentTypes.join(", ") : "*/*",
          "accept-encoding": "identity",
          "user-agent": USER_AGENT,
          ...(authorization === undefined ? {} : { authorization }),
        },
        agent: false,
        signal,
        lookup: connectLookup(judged, options, resolve, () => refuse(RESOLVES_INSIDE)),
      },
      resolveResponse,
    );
    outgoing.on("error", reject);
    outgoing.end(form ?? undefined);
  });
}

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The socket's own resolution (net.connect calls it; an IP literal needs
 * none, judgeHost has judged it): the answer it connects to is checked here,
 * and any non-public address in it refuses the name.
 */
function connectLookup(judged: HostJudgement, options: OutboundFetchOptions, resolve: OutboundLookup, refusal: () => Stop) {
  return (hostname: string, lookupOptions: LookupOptions, callback: LookupCallback) => {
    resolve(hostname).then(
      (answers) => {
        const wanted = answers.filter(({ family }) => !lookupOptions.family || lookupOptions.family === family);
        if (
          judged.verdict !== "allowed" &&
          refusedAddress(
            options.policy,
            answers.map(({ address }) => address),
          ) !== undefined
        ) {
          callback(refusal(), []);
        } else if (wanted.length === 0) {
          callback(Object.assign(new Error("no address"), { code: "ENOTFOUND" }), []);
        } else if (lookupOptions.all) {
          callback(
            null,
            wanted.map(({ address, family }) => ({ address, family })),
          );
        } else {
          callback(null, wanted[0].address, wanted[0].family);
        }
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), []),
    );
  };
}

/** Reads the body, refusing a wrong media type first and counting bytes as they come. */
async function read(response: IncomingMessage, target: URL, options: OutboundFetchOptions, where: string): Promise<OutboundFetchResult> {
  const [mediaType, ...parameters] = (response.headers["content-type"] ?? "application/octet-stream").split(";");
  const contentType = mediaType.trim().toLowerCase();
  if (options.acceptContentTypes?.length && !options.acceptContentTypes.includes(contentType)) {
    response.destroy();
    const named = /^[a-z0-9!#$&^_.+-]{1,60}\/[a-z0-9!#$&^_.+-]{1,60}$/.test(contentType) ? contentType : "an unreadable content type";
    throw new Stop("content_type", `${where}${shown(target)} answered with ${named}, not ${options.acceptContentTypes.join(", ")}`);
  }
  const tooLarge = () => new Stop("too_large", `${where}${shown(target)} answered with more than ${options.maxBytes} bytes`);
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  // The deadline's abort (the request's signal) ends a body that trickles in.
  for await (const chunk of response as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > options.maxBytes) {
      response.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  if (!response.complete) throw new Stop("network", `${where}${shown(target)} ended the connection before the whole body`);
  return { ok: true, body: decode(Buffer.concat(chunks), parameters), contentType, finalUrl: withoutFragment(target) };
}

function decode(bytes: Buffer, parameters: string[]): string {
  const charset = parameters.map((parameter) => /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(parameter)?.[1]).find((value) => value !== undefined);
  try {
    return new TextDecoder(charset ?? "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

/** A URL as messages show it: scheme, host and path, no user info, query or fragment. */
function shown(target: URL): string {
  const text = `${target.protocol}//${target.host}${target.pathname}`;
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function withoutFragment(target: URL): string {
  const copy = new URL(target.href);
  copy.hash = "";
  return copy.href;
}

/** A fixed sentence per failure: the error's own text may name addresses the caller should not learn. */
function describeNetworkError(error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : "";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ENODATA") return "The host name does not resolve";
  if (code === "ECONNREFUSED") return "The server refused the connection";
  if (code === "ECONNRESET" || code === "EPIPE") return "The server closed the connection";
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return "The server cannot be reached";
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) return `The server's TLS certificate is not trusted (${code})`;
  if (/^HPE_|ERR_INVALID_HTTP|ERR_HTTP/.test(code)) return "The server's answer is not valid HTTP";
  return /^[A-Z0-9_]{1,40}$/.test(code) ? `The connection failed (${code})` : "The connection failed";
}
