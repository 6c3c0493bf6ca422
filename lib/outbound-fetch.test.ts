import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { after, before, test } from "node:test";
import { getConfig, resetConfig } from "./config";
import { MAX_REDIRECTS, type OutboundFetchOptions, type OutboundLookup, fetchOutbound } from "./outbound-fetch";
import { NO_WEBHOOK_EXCEPTIONS, judgeHost, parseWebhookAllowedHosts, refusedAddress } from "./webhook-hosts";

// A spec server on 127.0.0.1. Every request is recorded, so each refusal can
// prove nothing reached it; without the protection under test, each of these
// requests would reach it (or, for addresses nothing listens on, end in
// "network" or "timeout" rather than "refused").
const JSON_SPEC = JSON.stringify({ openapi: "3.0.0", info: { title: "Orders", version: "1.0" }, paths: {} });
const YAML_SPEC = "asyncapi: 2.0.0\ninfo:\n  title: Order events\n  version: '1.0'\nchannels: {}\n";
const hits: { path: string; headers: http.IncomingHttpHeaders }[] = [];
const openResponses = new Set<http.ServerResponse>();
let port = 0;
let origin = "";

const server = http.createServer((request, response) => {
  const path = request.url ?? "/";
  hits.push({ path, headers: request.headers });
  const redirect = (location: string, extra: http.OutgoingHttpHeaders = {}) => response.writeHead(302, { location, ...extra }).end();
  const loop = /^\/loop\/(\d+)$/.exec(path);
  if (loop) return redirect(`/loop/${Number(loop[1]) + 1}`);
  const chain = /^\/chain\/(\d+)$/.exec(path);
  if (chain) return Number(chain[1]) === 0 ? redirect("/spec.json") : redirect(`/chain/${Number(chain[1]) - 1}`);
  switch (path.split("?")[0]) {
    case "/spec.json":
      return response.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON_SPEC);
    case "/spec.yaml":
      return response.writeHead(200, { "content-type": "application/yaml" }).end(YAML_SPEC);
    case "/page.html":
      return response.writeHead(200, { "content-type": "text/html" }).end("<html></html>");
    case "/to-loopback":
      return redirect(`http://127.0.0.1:${port}/spec.json`);
    case "/to-other-origin":
      return redirect(`http://specs.corp.example:${port}/spec.json`);
    case "/to-same-origin":
      return redirect("/spec.json");
    case "/to-inside-name":
      return redirect(`http://inside.example.com:${port}/spec.json`);
    case "/with-cookie":
      return redirect("/spec.json", { "set-cookie": "session=abc; Path=/" });
    case "/declared-huge":
      // Says 1 GB up front; nothing that large is ever sent.
      response.writeHead(200, { "content-type": "application/json", "content-length": String(1024 ** 3) });
      return response.write("{");
    case "/endless": {
      // An endless body without a length: only a cap counted while streaming stops it.
      response.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(16 * 1024, 32);
      const pump = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once("drain", pump);
      };
      openResponses.add(response);
      return pump();
    }
    case "/slow": {
      // A slow-loris body: a byte every 50 ms, forever.
      response.writeHead(200, { "content-type": "application/json" });
      openResponses.add(response);
      const drip = setInterval(() => (response.destroyed ? clearInterval(drip) : response.write(" ")), 50);
      return;
    }
    case "/hang":
      // Accepts the request and never answers it.
      openResponses.add(response);
      return;
    default:
      return response.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }
});

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
});
after(async () => {
  for (const response of openResponses) response.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** The operator allows the spec server (127.0.0.1) and plain http. */
const ALLOWED: OutboundFetchOptions = { policy: parseWebhookAllowedHosts("127.0.0.1"), allowHttp: true, timeoutMs: 2_000, maxBytes: 64 * 1024 };
/** No exceptions; plain http allowed so each test refuses for its own reason only. */
const STRICT: OutboundFetchOptions = { ...ALLOWED, policy: NO_WEBHOOK_EXCEPTIONS };

/** A resolver that answers from a table (each name's answers in turn, the last repeating) and counts calls. */
function stubLookup(table: Record<string, string[]>) {
  const calls: string[] = [];
  const lookup: OutboundLookup = async (hostname) => {
    calls.push(hostname);
    const answers = table[hostname];
    if (!answers) throw Object.assign(new Error(`no such name ${hostname}`), { code: "ENOTFOUND" });
    const address = answers[Math.min(calls.filter((name) => name === hostname).length - 1, answers.length - 1)];
    return [{ address, family: address.includes(":") ? 6 : 4 }];
  };
  return { lookup, calls };
}

/** Runs `fetch` and answers its result with the paths the spec server saw meanwhile. */
async function seen<T>(fetch: () => Promise<T>): Promise<{ result: T; paths: string[] }> {
  const start = hits.length;
  const result = await fetch();
  return { result, paths: hits.slice(start).map((hit) => hit.path) };
}

test("with the operator's exception for 127.0.0.1, JSON and YAML specs are fetched as sent", async () => {
  const json = await fetchOutbound(`${origin}/spec.json`, { ...ALLOWED, acceptContentTypes: ["application/json", "application/yaml"] });
  assert.deepEqual(json, { ok: true, body: JSON_SPEC, contentType: "application/json", finalUrl: `${origin}/spec.json` });
  const yaml = await fetchOutbound(`${origin}/spec.yaml#fragment`, { ...ALLOWED, acceptContentTypes: ["application/json", "application/yaml"] });
  assert.deepEqual(yaml, { ok: true, body: YAML_SPEC, contentType: "application/yaml", finalUrl: `${origin}/spec.yaml` });
  const request = hits.at(-1);
  assert.equal(request?.headers.accept, "application/json, application/yaml");
  assert.equal(request?.headers["accept-encoding"], "identity");
});

test("the operator's exception by name: the name may resolve inside, through a stub or the system's resolver", async () => {
  const { lookup, calls } = stubLookup({ "specs.corp.example": ["127.0.0.1"] });
  const byName = { ...STRICT, policy: parseWebhookAllowedHosts("specs.corp.example") };
  const result = await fetchOutbound(`http://specs.corp.example:${port}/spec.json`, { ...byName, lookup });
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.deepEqual(calls, ["specs.corp.example"]);
  assert.equal(hits.at(-1)?.headers.host, `specs.corp.example:${port}`);
  // No stub: localhost is allowed by name and resolved by the system (::1 first, maybe, then 127.0.0.1).
  const local = await fetchOutbound(`http://localhost:${port}/spec.json`, { ...STRICT, policy: parseWebhookAllowedHosts("localhost") });
  assert.equal(local.ok, true, JSON.stringify(local));
});

test("without the exception, loopback, private, link-local and IPv4-mapped addresses are refused before any connection", async () => {
  const quick = { ...STRICT, timeoutMs: 1_000 };
  for (const url of [
    `${origin}/spec.json`,
    `http://127.1:${port}/spec.json`,
    `http://2130706433:${port}/spec.json`,
    `http://[::ffff:127.0.0.1]:${port}/spec.json`,
    `http://[::1]:${port}/spec.json`,
    "http://10.0.0.1/spec.json",
    "http://10.255.1.2:8080/spec.json",
    "http://192.168.1.1/spec.json",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/spec.json",
    "http://0.0.0.0/spec.json",
    "http://[fd00:ec2::254]/spec.json",
    "http://[fe80::1]/spec.json",
    `http://localhost:${port}/spec.json`,
    `http://metadata.google.internal/computeMetadata/v1/`,
  ]) {
    const { result, paths } = await seen(() => fetchOutbound(url, quick));
    assert.equal(result.ok, false, url);
    assert.equal(!result.ok && result.reason, "refused", `${url}: ${JSON.stringify(result)}`);
    assert.match(!result.ok ? result.message : "", /server-side request forgery.*WEBHOOK_ALLOWED_HOSTS/, url);
    assert.deepEqual(paths, [], url);
  }
});

test("a name that resolves to loopback, to IPv4-mapped loopback, or to loopback among public answers, is refused", async () => {
  const { lookup } = stubLookup({ "specs.example.com": ["127.0.0.1"] });
  const { result, paths } = await seen(() => fetchOutbound(`http://specs.example.com:${port}/spec.json`, { ...STRICT, lookup }));
  assert.equal(!result.ok && result.reason, "refused", JSON.stringify(result));
  assert.deepEqual(paths, []);
  // The message names the host the caller gave, never the address it resolved to.
  assert.doesNotMatch(!result.ok ? result.message : "", /127\.0\.0\.1/);

  const { lookup: mapped } = stubLookup({ "mapped.example.com": ["::ffff:127.0.0.1"] });
  const viaMapped = await seen(() => fetchOutbound(`http://mapped.example.com:${port}/spec.json`, { ...STRICT, lookup: mapped }));
  assert.equal(!viaMapped.result.ok && viaMapped.result.reason, "refused", "an IPv4-mapped IPv6 answer is judged by its IPv4 address");
  assert.deepEqual(viaMapped.paths, []);

  const mixed: OutboundLookup = async () => [
    { address: "93.184.216.34", family: 4 },
    { address: "127.0.0.1", family: 4 },
  ];
  const both = await seen(() => fetchOutbound(`http://mixed.example.com:${port}/spec.json`, { ...STRICT, lookup: mixed }));
  assert.equal(!both.result.ok && both.result.reason, "refused");
  assert.deepEqual(both.paths, []);
});

test("a DNS answer that changes between the check and the connection: public to the check, loopback to the fetch, is refused", async () => {
  const { lookup, calls } = stubLookup({ "rebind.example.com": ["93.184.216.34", "127.0.0.1"] });
  // The check a caller makes first (as webhooks do when a URL is stored): the name answers public and passes.
  assert.deepEqual(judgeHost(NO_WEBHOOK_EXCEPTIONS, "rebind.example.com"), { verdict: "resolve", name: "rebind.example.com" });
  const checked = await lookup("rebind.example.com");
  assert.equal(
    refusedAddress(
      NO_WEBHOOK_EXCEPTIONS,
      checked.map(({ address }) => address),
    ),
    undefined,
  );
  // The fetch: the socket's own lookup gets loopback now, and refuses it before connecting.
  const { result, paths } = await seen(() => fetchOutbound(`http://rebind.example.com:${port}/spec.json`, { ...STRICT, lookup }));
  assert.equal(!result.ok && result.reason, "refused", JSON.stringify(result));
  assert.match(!result.ok ? result.message : "", /resolves to an address that is not public/);
  assert.deepEqual(calls, ["rebind.example.com", "rebind.example.com"]);
  assert.deepEqual(paths, []);
});

test("a redirect to loopback is refused, by address and by a name resolving there", async () => {
  const { lookup } = stubLookup({ "specs.corp.example": ["127.0.0.1"], "inside.example.com": ["127.0.0.1"] });
  const options = { ...STRICT, policy: parseWebhookAllowedHosts("specs.corp.example"), lookup };
  for (const start of ["/to-loopback", "/to-inside-name"]) {
    const { result, paths } = await seen(() => fetchOutbound(`http://specs.corp.example:${port}${start}`, options));
    assert.equal(!result.ok && result.reason, "refused", JSON.stringify(result));
    assert.match(!result.ok ? result.message : "", /^After 1 redirect: The host/);
    assert.deepEqual(paths, [start], "only the allowed first hop was requested");
  }
});

test(`redirects: ${MAX_REDIRECTS} are followed, one more is refused; no cookie comes back`, async () => {
  const followed = await seen(() => fetchOutbound(`${origin}/chain/${MAX_REDIRECTS - 2}`, ALLOWED));
  assert.equal(followed.result.ok, true, JSON.stringify(followed.result));
  assert.equal(followed.paths.length, MAX_REDIRECTS);
  assert.equal(followed.result.ok && followed.result.finalUrl, `${origin}/spec.json`);

  const loop = await seen(() => fetchOutbound(`${origin}/loop/0`, ALLOWED));
  assert.equal(!loop.result.ok && loop.result.reason, "refused");
  assert.match(!loop.result.ok ? loop.result.message : "", /at most 5 redirects/);
  assert.deepEqual(
    loop.paths,
    Array.from({ length: MAX_REDIRECTS + 1 }, (_, index) => `/loop/${index}`),
  );

  const cookie = await seen(() => fetchOutbound(`${origin}/with-cookie`, ALLOWED));
  assert.equal(cookie.result.ok, true);
  assert.deepEqual(cookie.paths, ["/with-cookie", "/spec.json"]);
  assert.equal(hits.at(-1)?.headers.cookie, undefined);
  assert.equal(hits.at(-1)?.headers.authorization, undefined);
});

test("the caller's Authorization goes to the URL's own origin only, never across a redirect to another", async () => {
  const { lookup } = stubLookup({ "specs.corp.example": ["127.0.0.1"] });
  const options = { ...ALLOWED, policy: parseWebhookAllowedHosts("127.0.0.1,specs.corp.example"), lookup, authorization: "Basic YWxpY2U6czNjcmV0" };
  const same = await fetchOutbound(`${origin}/to-same-origin`, options);
  assert.equal(same.ok, true, JSON.stringify(same));
  assert.deepEqual(
    hits.slice(-2).map((hit) => [hit.path, hit.headers.authorization]),
    [
      ["/to-same-origin", "Basic YWxpY2U6czNjcmV0"],
      ["/spec.json", "Basic YWxpY2U6czNjcmV0"],
    ],
  );
  const other = await fetchOutbound(`${origin}/to-other-origin`, options);
  assert.equal(other.ok, true, JSON.stringify(other));
  assert.deepEqual(
    hits.slice(-2).map((hit) => [hit.path, hit.headers.host, hit.headers.authorization]),
    [
      ["/to-other-origin", `127.0.0.1:${port}`, "Basic YWxpY2U6czNjcmV0"],
      ["/spec.json", `specs.corp.example:${port}`, undefined],
    ],
  );
});

test("plain http is refused unless the operator allows it, and so is any other scheme", async () => {
  const { result, paths } = await seen(() => fetchOutbound(`${origin}/spec.json`, { ...ALLOWED, allowHttp: false }));
  assert.equal(!result.ok && result.reason, "refused");
  assert.match(!result.ok ? result.message : "", /only https \(the operator has not allowed plain http\)/);
  assert.deepEqual(paths, []);
  for (const url of ["ftp://example.com/spec.json", "file:///etc/passwd", "gopher://example.com/", "data:application/json,{}"]) {
    const other = await fetchOutbound(url, ALLOWED);
    assert.equal(!other.ok && other.reason, "refused", url);
  }
  const bad = await fetchOutbound("not a url", ALLOWED);
  assert.deepEqual(bad, { ok: false, reason: "refused", message: "The URL is not a valid absolute URL" });
});

test("a user name or password in the URL is refused and never echoed", async () => {
  for (const url of [
    `http://alice:s3cret-pw@127.0.0.1:${port}/spec.json`,
    `http://alice@127.0.0.1:${port}/spec.json`,
    `http://:s3cret-pw@127.0.0.1:${port}/spec.json`,
  ]) {
    const { result, paths } = await seen(() => fetchOutbound(url, ALLOWED));
    assert.equal(!result.ok && result.reason, "refused", url);
    assert.doesNotMatch(!result.ok ? result.message : "", /alice|s3cret/, url);
    assert.deepEqual(paths, [], url);
  }
});

test("a body larger than the cap is stopped while it streams: an endless one, and one declaring 1 GB", async () => {
  const started = Date.now();
  const endless = await fetchOutbound(`${origin}/endless`, { ...ALLOWED, timeoutMs: 10_000 });
  assert.deepEqual(endless, { ok: false, reason: "too_large", message: `${origin}/endless answered with more than ${64 * 1024} bytes` });
  // Long before the deadline: the cap, not the timeout, ended it.
  assert.ok(Date.now() - started < 5_000, `${Date.now() - started} ms`);
  const declared = await fetchOutbound(`${origin}/declared-huge`, { ...ALLOWED, timeoutMs: 10_000 });
  assert.equal(!declared.ok && declared.reason, "too_large");
  const exact = await fetchOutbound(`${origin}/spec.json`, { ...ALLOWED, maxBytes: Buffer.byteLength(JSON_SPEC) });
  assert.equal(exact.ok, true, "a body of exactly the cap is fine");
  const oneLess = await fetchOutbound(`${origin}/spec.json`, { ...ALLOWED, maxBytes: Buffer.byteLength(JSON_SPEC) - 1 });
  assert.equal(!oneLess.ok && oneLess.reason, "too_large");
});

test("a body that trickles in ends at the deadline", { timeout: 10_000 }, async () => {
  const started = Date.now();
  const result = await fetchOutbound(`${origin}/slow`, { ...ALLOWED, timeoutMs: 600 });
  const elapsed = Date.now() - started;
  assert.deepEqual(result, { ok: false, reason: "timeout", message: "No complete answer within 600 ms" });
  assert.ok(elapsed >= 550 && elapsed < 2_000, `${elapsed} ms`);
});

test("a server that never answers, and a DNS answer that never comes, end at the deadline", { timeout: 10_000 }, async () => {
  const hang = await fetchOutbound(`${origin}/hang`, { ...ALLOWED, timeoutMs: 300 });
  assert.deepEqual(hang, { ok: false, reason: "timeout", message: "No complete answer within 300 ms" });
  const never: OutboundLookup = () => new Promise(() => {});
  const result = await fetchOutbound("https://slow-dns.example.com/spec.json", { ...STRICT, timeoutMs: 300, lookup: never });
  assert.equal(!result.ok && result.reason, "timeout");
});

test("a content type not accepted is refused before its body is read", async () => {
  const result = await fetchOutbound(`${origin}/page.html`, { ...ALLOWED, acceptContentTypes: ["application/json", "application/yaml"] });
  assert.deepEqual(result, {
    ok: false,
    reason: "content_type",
    message: `${origin}/page.html answered with text/html, not application/json, application/yaml`,
  });
  const any = await fetchOutbound(`${origin}/page.html`, ALLOWED);
  assert.equal(any.ok && any.contentType, "text/html", "without a list, any type is fetched");
});

test("an error status, a refused connection and an unknown name say so without the query string or an address", async () => {
  const missing = await fetchOutbound(`${origin}/gone.json?token=sig-123`, ALLOWED);
  assert.deepEqual(missing, { ok: false, reason: "http_status", message: `${origin}/gone.json answered 404 Not Found` });

  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const closedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const refused = await fetchOutbound(`http://127.0.0.1:${closedPort}/spec.json`, ALLOWED);
  assert.deepEqual(refused, { ok: false, reason: "network", message: "The server refused the connection" });

  const { lookup } = stubLookup({});
  const unknown = await fetchOutbound("https://nowhere.example.com/spec.json", { ...STRICT, lookup });
  assert.deepEqual(unknown, { ok: false, reason: "network", message: "The host name does not resolve" });
});

test("lib/config.ts: SPEC_FETCH_ALLOW_HTTP is false unless set, and a bad value stops start-up naming it", () => {
  const saved = process.env.SPEC_FETCH_ALLOW_HTTP;
  try {
    delete process.env.SPEC_FETCH_ALLOW_HTTP;
    resetConfig();
    assert.equal(getConfig().specFetchAllowHttp, false);
    process.env.SPEC_FETCH_ALLOW_HTTP = "true";
    resetConfig();
    assert.equal(getConfig().specFetchAllowHttp, true);
    process.env.SPEC_FETCH_ALLOW_HTTP = "yes";
    resetConfig();
    assert.throws(() => getConfig(), /SPEC_FETCH_ALLOW_HTTP must be true or false/);
  } finally {
    if (saved === undefined) delete process.env.SPEC_FETCH_ALLOW_HTTP;
    else process.env.SPEC_FETCH_ALLOW_HTTP = saved;
    resetConfig();
  }
});

// https, with a certificate for specs.test (test/fixtures/tls/README.md).
// Node trusts it only when NODE_EXTRA_CA_CERTS names it at start, so the
// fetches that must succeed run in a child process started that way.
const TLS = path.join(import.meta.dirname, "../test/fixtures/tls");
const CERT = path.join(TLS, "specs.test.cert.pem");

test("https: an untrusted certificate or one for another name is refused; trusted, the spec is fetched, and a redirect down to http is not followed", {
  timeout: 30_000,
}, async () => {
  const tlsServer = https.createServer({ cert: readFileSync(CERT), key: readFileSync(path.join(TLS, "specs.test.key.pem")) }, (request, response) => {
    hits.push({ path: `tls:${request.url}`, headers: request.headers });
    if (request.url === "/to-http") return response.writeHead(302, { location: `${origin}/spec.json` }).end();
    return response.writeHead(200, { "content-type": "application/json" }).end(JSON_SPEC);
  });
  await new Promise<void>((resolve) => tlsServer.listen(0, "127.0.0.1", resolve));
  const tlsPort = (tlsServer.address() as AddressInfo).port;
  try {
    const { lookup } = stubLookup({ "specs.test": ["127.0.0.1"] });
    const untrusted = await seen(() =>
      fetchOutbound(`https://specs.test:${tlsPort}/spec.json`, { ...STRICT, allowHttp: false, policy: parseWebhookAllowedHosts("specs.test"), lookup }),
    );
    assert.equal(!untrusted.result.ok && untrusted.result.reason, "network", JSON.stringify(untrusted.result));
    assert.match(!untrusted.result.ok ? untrusted.result.message : "", /TLS certificate is not trusted/);
    assert.deepEqual(untrusted.paths, []);

    // In a child that trusts the certificate: the same name works; 127.0.0.1 is not the certificate's name.
    const script = `
      const { fetchOutbound } = await import(${JSON.stringify(path.join(import.meta.dirname, "outbound-fetch.ts"))});
      const { parseWebhookAllowedHosts } = await import(${JSON.stringify(path.join(import.meta.dirname, "webhook-hosts.ts"))});
      const options = { policy: parseWebhookAllowedHosts("specs.test,127.0.0.1"), allowHttp: false, timeoutMs: 5000, maxBytes: 65536,
        lookup: async (name) => (name === "specs.test" ? [{ address: "127.0.0.1", family: 4 }] : []) };
      const results = [];
      for (const url of ["https://specs.test:${tlsPort}/spec.json", "https://127.0.0.1:${tlsPort}/spec.json", "https://specs.test:${tlsPort}/to-http"]) {
        results.push(await fetchOutbound(url, options));
      }
      process.stdout.write(JSON.stringify(results));
    `;
    const { result: child, paths } = await seen(() =>
      promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", script], {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: CERT },
        timeout: 20_000,
      }),
    );
    const [trusted, wrongName, downgraded] = JSON.parse(child.stdout);
    assert.deepEqual(trusted, { ok: true, body: JSON_SPEC, contentType: "application/json", finalUrl: `https://specs.test:${tlsPort}/spec.json` });
    assert.deepEqual(wrongName, { ok: false, reason: "network", message: "The server's TLS certificate is not trusted (ERR_TLS_CERT_ALTNAME_INVALID)" });
    assert.equal(downgraded.reason, "refused");
    assert.match(downgraded.message, /^After 1 redirect: The URL's scheme is http; only https/);
    // The name check failed in the handshake; the plain http target of the redirect was never asked.
    assert.deepEqual(paths, ["tls:/spec.json", "tls:/to-http"]);
  } finally {
    tlsServer.closeAllConnections();
    await new Promise((resolve) => tlsServer.close(resolve));
  }
});
