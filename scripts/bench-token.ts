/**
 * Token endpoint benchmark: `npm run bench:token` (not part of `npm test`;
 * takes about a minute and a half, and means little unless the machine is otherwise
 * idle). Needs a production build (`npm run build`) first.
 *
 * 1. The production server (server/main.ts, NODE_ENV=production) on a free
 *    loopback port, on a throw-away SQLite database in a temp folder (the
 *    server migrates it and creates the admin from ADMIN_EMAIL/ADMIN_PASSWORD
 *    on start), and scripts/oidc-provider-peer.ts (panva's oidc-provider,
 *    configured for client_credentials with ES256 JWT access tokens) on
 *    another, and scripts/lean-token-server.ts (the lean reference: the
 *    least a token costs with node:http and node:crypto) on a third, each in
 *    its own process.
 * 2. Client credentials from the product the way a user gets them: log in,
 *    create an API token, create an integration system and generate its
 *    client credentials, all over HTTP.
 * 3. A validity check for each server: one token request must answer 200
 *    with a JWT access token whose header says ES256 (and whose signature
 *    verifies against the server's published JWKS, where it publishes one).
 * 4. Throughput: autocannon on POST /token (client_credentials,
 *    client_secret_basic, the four default scopes requested explicitly so
 *    all servers issue the same token), 3 s warm-up each, then 10 s at 50
 *    connections per run in the order product, peer, lean, lean, peer,
 *    product. Reported per server: tokens/s, p50 and p99 latency, and the
 *    server's CPU time per token from /proc (targets, issue 15: product/peer
 *    tokens/s ≥ 2.5, product p99 < 25 ms; product/lean is shown beside).
 * 5. Deletion honoured: deleting the credential (GraphQL
 *    deleteSystemAuthForIntegrationSystem), then at once asking for a token
 *    with it must answer 401 invalid_client; prints the time from the
 *    delete's acknowledgement to the first refusal.
 *
 * Any non-2xx answer, connection error, timeout or body without an access
 * token under load makes the run invalid: it stops with exit code 1. Missing
 * a throughput or latency target is reported, not fatal; a token issued for a
 * deleted credential is a failure (exit code 1, after the report).
 * BENCH_SECONDS overrides the 10 s autocannon duration (for quick checks).
 * What it shares with scripts/bench-api.ts (starting and stopping servers,
 * requests, autocannon runs, CPU time, clean-up) is in scripts/bench-support.ts.
 *
 * BENCH_PROFILE=1 adds a CPU profile of the product: it is started as `node
 * --cpu-prof --cpu-prof-dir=<temp folder> --import tsx server/main.ts` instead of
 * with the tsx binary (which would run it in a child process of its own), so
 * the spawned process is the server. The Next.js child it forks inherits the
 * flags and writes a profile too; only the one of the spawned pid's main
 * thread (CPU.<date>.<time>.<pid>.0.<seq>.cpuprofile, written when server/main.ts
 * exits on SIGTERM, so the product is stopped before the report) is read.
 * Only the samples taken during the product's measured runs count (not the
 * warm-up, the peer's runs or start-up): the runs' start and end are taken
 * with process.hrtime, the same monotonic clock as the profile's timestamps
 * on Linux; if they do not fall within the profile, the whole profile counts
 * but start-up and module loading, and the report says so. Printed after the
 * table: self time in a few buckets, by the nearest frame with a script
 * (native functions count as their caller): JWT signing (jose, and node's
 * crypto internals other than hashing: handing the job to the thread pool), the SHA-256
 * secret check (createHash, timingSafeEqual), HTTP parsing and writing
 * (node:_http_*, net, streams), the product's own code (server/main.ts, lib/,
 * graphql/), the garbage collector, V8/native time without a JS stack
 * ("(program)"), start-up and module loading, other; as percentages of busy
 * (non-idle) time, then the 15 functions with the most self time with
 * file:line (for .ts files, which tsx compiles onto one line, the line of the
 * function's definition found by its name in the source). The signature
 * itself is computed on libuv's thread pool, outside the profile.
 * The profile is removed with the temp folder.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { type TimeWindow, monotonicMicros, profileReport } from "./cpu-profile";
import {
  GRAPHQL_PATH,
  type GraphQLReply,
  InvalidBenchmark,
  NotReady,
  ROOT,
  type RunningServer,
  combineRuns,
  freePort,
  loadServer,
  makeTempDir,
  request,
  runBench,
  say,
  startServer,
  stopServer,
  table,
  waitUntilUp,
} from "./bench-support";

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 3;
const THROUGHPUT_RATIO_TARGET = 2.5;
const P99_TARGET_MS = 25;
const ALG = "ES256";
/** The product's default scopes for an integration system's credentials, asked for explicitly of both servers. */
const SCOPE = "integration_system:read application:read application:write tenant:read";
/** How long the deletion check keeps asking before it gives up on a refusal. */
const DELETION_DEADLINE_MS = 10_000;
/** BENCH_PROFILE=1: the product runs under node --cpu-prof, and the report says where its time went. */
const PROFILE = process.env.BENCH_PROFILE === "1";

const ADMIN = { email: "bench@example.com", password: randomBytes(16).toString("hex") };
const PEER_CLIENT = { id: "bench-client", secret: randomBytes(32).toString("base64url") };
const LEAN_CLIENT = { id: "lean-client", secret: randomBytes(32).toString("base64url") };

process.chdir(ROOT);
const tmpDir = makeTempDir("compass-bench-token-");
const DATABASE_URL = `file:${path.join(tmpDir, "bench.db")}`;
const SECRET_KEY = randomBytes(32).toString("hex");
const PROFILE_DIR = path.join(tmpDir, "cpu-profiles");

// ---------------------------------------------------------------- helpers

/** application/x-www-form-urlencoded encoding of one value, as RFC 6749 §2.3.1 wants for Basic credentials. */
const formEncode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);

const basicAuth = (clientId: string, clientSecret: string) => `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString("base64")}`;

// ---------------------------------------------------------------- the product's credentials

async function graphql(port: number, auth: Record<string, string>, query: string, variables: Record<string, unknown> = {}) {
  const body = JSON.stringify({ query, variables });
  const { status, text } = await request(port, {
    method: "POST",
    path: GRAPHQL_PATH,
    headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), ...auth },
    body,
  });
  let reply: GraphQLReply | undefined;
  try {
    reply = JSON.parse(text) as GraphQLReply;
  } catch {
    // reported below
  }
  if (status !== 200 || !reply?.data || reply.errors) throw new InvalidBenchmark(`GraphQL request failed with HTTP ${status}: ${text.slice(0, 500)}`);
  return reply.data;
}

interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  /** Path of the token endpoint, from the absolute URL the product gives. */
  tokenPath: string;
}

/** Logs in, creates an API token, an integration system and its client credentials, as a user would. */
async function productCredentials(port: number): Promise<{ credentials: ClientCredentials; apiToken: string }> {
  const loginBody = JSON.stringify(ADMIN);
  const login = await request(port, {
    method: "POST",
    path: "/api/auth/login",
    headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(loginBody)) },
    body: loginBody,
  });
  const setCookie = login.headers["set-cookie"]?.find((cookie) => cookie.startsWith("compass_session="));
  if (login.status !== 204 || !setCookie)
    throw new InvalidBenchmark(`login answered HTTP ${login.status} without a session cookie: ${login.text.slice(0, 300)}`);
  const cookie = { cookie: setCookie.split(";")[0] };

  const tokenData = await graphql(port, cookie, `mutation { createApiToken(name: "bench") { token } }`);
  const apiToken = (tokenData.createApiToken as { token: string }).token;
  const bearer = { authorization: `Bearer ${apiToken}` };

  const systemData = await graphql(port, bearer, `mutation { createIntegrationSystem(in: {name: "bench"}) { id } }`);
  const systemId = (systemData.createIntegrationSystem as { id: string }).id;
  const generated = await graphql(
    port,
    bearer,
    `mutation Generate($id: ID!) {
      generateClientCredentialsForIntegrationSystem(id: $id) {
        id
        auth { credential { ... on OAuthCredentialData { clientId clientSecret url } } }
      }
    }`,
    { id: systemId },
  );
  const systemAuth = generated.generateClientCredentialsForIntegrationSystem as {
    id: string;
    auth: { credential: { clientId: string; clientSecret: string | null; url: string } | null } | null;
  };
  const credential = systemAuth.auth?.credential;
  if (!credential?.clientId || !credential.clientSecret || !credential.url) {
    throw new InvalidBenchmark(`generateClientCredentialsForIntegrationSystem gave no usable credential: ${JSON.stringify(systemAuth)}`);
  }
  const url = new URL(credential.url);
  if (url.port !== String(port)) say(`note: the credential's token URL ${credential.url} is not on the server's port ${port}; using its path`);
  return { credentials: { clientId: credential.clientId, clientSecret: credential.clientSecret, tokenPath: url.pathname }, apiToken };
}

// ---------------------------------------------------------------- token requests

interface TokenTarget {
  label: string;
  server: RunningServer;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Where its RFC 8414 / OpenID discovery metadata (with jwks_uri) is. */
  metadataPath: string;
}

function tokenTarget(label: string, server: RunningServer, path: string, credentials: { id: string; secret: string }, metadataPath: string): TokenTarget {
  return {
    label,
    server,
    path,
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: basicAuth(credentials.id, credentials.secret) },
    body: new URLSearchParams({ grant_type: "client_credentials", scope: SCOPE }).toString(),
    metadataPath,
  };
}

const requestToken = (target: TokenTarget, agent?: http.Agent) =>
  request(target.server.port, {
    method: "POST",
    path: target.path,
    headers: { ...target.headers, "content-length": String(Buffer.byteLength(target.body)) },
    body: target.body,
    agent,
  });

/** A body the load test accepts: a JSON object with a JWT access token (checked cheaply, on every response). */
const HAS_JWT_ACCESS_TOKEN = /"access_token"\s*:\s*"eyJ/;

/**
 * One token request must succeed with a JWT access token signed ES256; the
 * signature is checked against the JWKS the server's metadata points to.
 * Returns a one-line description of the token.
 */
async function checkTokenEndpoint(target: TokenTarget): Promise<string> {
  const reply = await requestToken(target);
  let body: { access_token?: unknown; token_type?: unknown; expires_in?: unknown; scope?: unknown } | undefined;
  try {
    body = JSON.parse(reply.text);
  } catch {
    // reported below
  }
  const token = body?.access_token;
  if (reply.status !== 200 || typeof token !== "string") {
    throw new InvalidBenchmark(`${target.label}: POST ${target.path} answered HTTP ${reply.status}: ${reply.text.slice(0, 500)}`);
  }
  if (String(body?.token_type).toLowerCase() !== "bearer") throw new InvalidBenchmark(`${target.label}: token_type is ${JSON.stringify(body?.token_type)}`);
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch (error) {
    throw new InvalidBenchmark(`${target.label}: the access token is not a JWT (${(error as Error).message})`);
  }
  if (header.alg !== ALG) throw new InvalidBenchmark(`${target.label}: the access token is signed ${header.alg}, not ${ALG}`);
  if (!HAS_JWT_ACCESS_TOKEN.test(reply.text))
    throw new InvalidBenchmark(`${target.label}: the load test's body check would reject ${reply.text.slice(0, 200)}`);

  const notes = [`alg ${header.alg}`, `typ ${header.typ ?? "(none)"}`, `expires_in ${body?.expires_in}`, `scope "${body?.scope ?? ""}"`];
  if (reply.headers["cache-control"] !== "no-store") notes.push(`Cache-Control ${JSON.stringify(reply.headers["cache-control"] ?? null)}`);
  const metadata = await request(target.server.port, { method: "GET", path: target.metadataPath });
  const jwksUri = metadata.status === 200 ? (JSON.parse(metadata.text) as { jwks_uri?: string }).jwks_uri : undefined;
  if (jwksUri) {
    try {
      await jwtVerify(token, createRemoteJWKSet(new URL(jwksUri)), { algorithms: [ALG] });
    } catch (error) {
      throw new InvalidBenchmark(`${target.label}: the access token does not verify against ${jwksUri}: ${(error as Error).message}`);
    }
    notes.push("signature verified against its JWKS");
  } else {
    notes.push(`signature not verified (no jwks_uri at ${target.metadataPath}: HTTP ${metadata.status})`);
  }
  notes.push(`${token.length} characters`);
  return notes.join(", ");
}

// ---------------------------------------------------------------- load

interface LoadRun {
  tokensPerSecond: number;
  p50: number;
  p99: number;
  p99_9: number;
  max: number;
  total: number;
  seconds: number;
  cpuSeconds: number | null;
  window: TimeWindow;
}

/** autocannon on one token endpoint; any failed answer invalidates the run. */
async function load(target: TokenTarget, seconds: number): Promise<LoadRun> {
  const started = monotonicMicros();
  const { result, cpuSeconds } = await loadServer(target.label, target.server, {
    url: `http://127.0.0.1:${target.server.port}${target.path}`,
    method: "POST",
    headers: target.headers,
    body: target.body,
    connections: CONNECTIONS,
    duration: seconds,
    verifyBody: (body) => HAS_JWT_ACCESS_TOKEN.test(String(body)),
  });
  if (result.requests.total === 0) throw new InvalidBenchmark(`${target.label}: no request completed in ${seconds} s`);
  return {
    tokensPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    p99_9: result.latency.p99_9,
    max: result.latency.max,
    total: result.requests.total,
    seconds: result.duration,
    cpuSeconds,
    window: { start: started, end: monotonicMicros() },
  };
}

interface Combined {
  tokensPerSecond: number;
  p50: number;
  /** The worse of the runs' p99s. */
  p99: number;
  p99s: number[];
  total: number;
  cpuMsPerToken: number | null;
  /** When the runs were (for the CPU profile). */
  windows: TimeWindow[];
}

/** Several runs of one server as one result: tokens/s and CPU over all of them, p50 their mean, p99 the worst. */
function combine(runs: LoadRun[]): Combined {
  const { total, perSecond, p50, cpuMsPerRequest } = combineRuns(runs);
  const p99s = runs.map((run) => run.p99);
  return { tokensPerSecond: perSecond, p50, p99: Math.max(...p99s), p99s, total, cpuMsPerToken: cpuMsPerRequest, windows: runs.map((run) => run.window) };
}

type ServerName = "product" | "peer" | "lean";

/**
 * Product, peer and lean reference, 10 s each, twice, in the order product,
 * peer, lean, lean, peer, product: other work on the machine that rises or
 * falls during the measurement then weighs on all alike.
 */
async function measureThroughput(targets: Record<ServerName, TokenTarget>) {
  for (const name of ["product", "peer", "lean"] as const) {
    say(`${name}: warming up for ${WARMUP_SECONDS} s`);
    await load(targets[name], WARMUP_SECONDS);
  }
  const runs: Record<ServerName, LoadRun[]> = { product: [], peer: [], lean: [] };
  for (const name of ["product", "peer", "lean", "lean", "peer", "product"] as const) {
    const run = await load(targets[name], SECONDS);
    runs[name].push(run);
    say(
      `${name}: ${run.tokensPerSecond.toFixed(0)} tokens/s, p50 ${run.p50} ms, p99 ${run.p99} ms (p99.9 ${run.p99_9} ms, ` +
        `max ${run.max} ms) over ${SECONDS} s at ${CONNECTIONS} connections` +
        (run.cpuSeconds === null ? "" : `, ${((run.cpuSeconds * 1000) / run.total).toFixed(3)} ms CPU/token`),
    );
  }
  return { product: combine(runs.product), peer: combine(runs.peer), lean: combine(runs.lean) };
}

// ---------------------------------------------------------------- deletion

interface DeletionResult {
  /** Tokens issued after the delete was acknowledged (must be 0). */
  issuedAfterDelete: number;
  /** From the delete's acknowledgement to the first 401 invalid_client, or null if none came in time. */
  msToRefusal: number | null;
  refusal: string;
  deleteMs: number;
}

async function measureDeletion(product: TokenTarget, apiToken: string, clientId: string): Promise<DeletionResult> {
  // One keep-alive connection, opened before the delete, so the first request after it goes out at once.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const before = await requestToken(product, agent);
    if (before.status !== 200)
      throw new InvalidBenchmark(`product: a token request before the delete answered HTTP ${before.status}: ${before.text.slice(0, 300)}`);

    const deleteStarted = performance.now();
    const deleted = await graphql(
      product.server.port,
      { authorization: `Bearer ${apiToken}` },
      `mutation Delete($id: ID!) { deleteSystemAuthForIntegrationSystem(id: $id) { id } }`,
      { id: clientId },
    );
    const acknowledged = performance.now();
    const deletedId = (deleted.deleteSystemAuthForIntegrationSystem as { id: string } | null)?.id;
    if (deletedId !== clientId) throw new InvalidBenchmark(`deleteSystemAuthForIntegrationSystem answered ${JSON.stringify(deleted)}`);

    let issuedAfterDelete = 0;
    for (;;) {
      const reply = await requestToken(product, agent);
      const elapsed = performance.now() - acknowledged;
      if (reply.status === 200) {
        issuedAfterDelete++;
      } else {
        let error: unknown;
        try {
          error = (JSON.parse(reply.text) as { error?: unknown }).error;
        } catch {
          // reported below
        }
        const refusal = `HTTP ${reply.status} ${JSON.stringify(error ?? reply.text.slice(0, 100))}`;
        if (reply.status !== 401 || error !== "invalid_client") {
          throw new InvalidBenchmark(`product: a token request with the deleted credential answered ${refusal}, not 401 invalid_client`);
        }
        return { issuedAfterDelete, msToRefusal: elapsed, refusal, deleteMs: acknowledged - deleteStarted };
      }
      if (elapsed > DELETION_DEADLINE_MS) return { issuedAfterDelete, msToRefusal: null, refusal: "none", deleteMs: acknowledged - deleteStarted };
    }
  } finally {
    agent.destroy();
  }
}

// ---------------------------------------------------------------- main

async function main(): Promise<boolean> {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new NotReady("no production build (.next/BUILD_ID): run `npm run build` first, then `npm run bench:token` again");
  }

  say(`temporary database in ${tmpDir}`);
  const [productPort, peerPort, leanPort] = [await freePort(), await freePort(), await freePort()];
  const product = startServer(
    "product",
    "server/main.ts",
    productPort,
    { DATABASE_URL, SECRET_KEY, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
    PROFILE ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] } : {},
  );
  const peer = startServer("peer", "scripts/oidc-provider-peer.ts", peerPort, {
    OIDC_CLIENT_ID: PEER_CLIENT.id,
    OIDC_CLIENT_SECRET: PEER_CLIENT.secret,
  });
  const lean = startServer("lean", "scripts/lean-token-server.ts", leanPort, {
    LEAN_CLIENT_ID: LEAN_CLIENT.id,
    LEAN_CLIENT_SECRET: LEAN_CLIENT.secret,
  });
  await waitUntilUp(product, "/api/health", (status) => status === 200);
  await waitUntilUp(peer, "/.well-known/openid-configuration", (status) => status === 200);
  await waitUntilUp(lean, "/.well-known/oauth-authorization-server", (status) => status === 200);
  say(`product server on port ${productPort}, oidc-provider peer on port ${peerPort}, lean reference on port ${leanPort}`);

  const { credentials, apiToken } = await productCredentials(productPort);
  say(`product client credentials for client_id ${credentials.clientId}, token endpoint ${credentials.tokenPath}`);
  const targets = {
    product: tokenTarget(
      "product",
      product,
      credentials.tokenPath,
      { id: credentials.clientId, secret: credentials.clientSecret },
      "/.well-known/oauth-authorization-server",
    ),
    peer: tokenTarget("peer", peer, "/token", PEER_CLIENT, "/.well-known/openid-configuration"),
    lean: tokenTarget("lean", lean, "/token", LEAN_CLIENT, "/.well-known/oauth-authorization-server"),
  };
  for (const name of ["product", "peer", "lean"] as const) say(`${name} token: ${await checkTokenEndpoint(targets[name])}`);

  say(
    `load average before measuring: ${os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(", ")} (${os.cpus().length} cores)`,
  );
  const { product: productRate, peer: peerRate, lean: leanRate } = await measureThroughput(targets);
  // Still issuing correct tokens after the load.
  await checkTokenEndpoint(targets.product);
  const deletion = await measureDeletion(targets.product, apiToken, credentials.clientId);

  const rateRatio = productRate.tokensPerSecond / peerRate.tokensPerSecond;
  const cpuRatio = productRate.cpuMsPerToken && peerRate.cpuMsPerToken ? peerRate.cpuMsPerToken / productRate.cpuMsPerToken : null;
  const leanRatio = productRate.tokensPerSecond / leanRate.tokensPerSecond;
  const cpu = (result: Combined) => result.cpuMsPerToken?.toFixed(3) ?? "n/a";
  const verdict = (ok: boolean) => (ok ? "ok" : "MISSED");
  const row = (label: string, result: Combined) => [
    label,
    result.tokensPerSecond.toFixed(0),
    result.p50.toFixed(1),
    result.p99.toFixed(1),
    result.p99s.map((value) => value.toFixed(0)).join(" / "),
    String(result.total),
    cpu(result),
  ];
  const deletionOk = deletion.issuedAfterDelete === 0 && deletion.msToRefusal !== null;
  // The profile is written when the process exits.
  if (PROFILE) await stopServer(product);
  process.stdout.write(
    `\nPOST token endpoint, client_credentials with client_secret_basic, ES256 JWT access tokens, ` +
      `${CONNECTIONS} connections, 2 × ${SECONDS} s per server, no errors\n` +
      `(p50: mean of the two runs; p99: the worse of the two, both runs shown)\n` +
      table([
        ["server", "tokens/s", "p50 ms", "p99 ms", "p99 per run", "tokens", "server CPU ms/token"],
        row("product (server/main.ts, SQLite)", productRate),
        row("oidc-provider 9 (peer)", peerRate),
        row("lean reference (node:http, node:crypto)", leanRate),
      ]) +
      `\nproduct/peer tokens/s ratio: ${rateRatio.toFixed(2)} (target ≥ ${THROUGHPUT_RATIO_TARGET.toFixed(1)}: ${verdict(rateRatio >= THROUGHPUT_RATIO_TARGET)})\n` +
      (cpuRatio === null ? "" : `peer/product CPU-per-token ratio: ${cpuRatio.toFixed(2)} (the same comparison, steadier on a busy machine)\n`) +
      `product p99: ${productRate.p99.toFixed(1)} ms (target < ${P99_TARGET_MS} ms: ${verdict(productRate.p99 < P99_TARGET_MS)})\n` +
      `product/lean tokens/s ratio: ${leanRatio.toFixed(2)} (how close the product is to the least a token can cost with these libraries)\n` +
      `\ndeletion honoured: ${
        deletionOk
          ? `ok, the first token request after the delete's acknowledgement was refused (${deletion.refusal}) ` +
            `${deletion.msToRefusal!.toFixed(1)} ms after it`
          : `FAILED, ${deletion.issuedAfterDelete} token(s) issued for the deleted credential after the delete was acknowledged; ` +
            (
              deletion.msToRefusal === null
                ? `no refusal within ${DELETION_DEADLINE_MS / 1000} s`
                : `first refusal (${deletion.refusal}) ${deletion.msToRefusal.toFixed(1)} ms after it`
            )
      } (the delete mutation took ${deletion.deleteMs.toFixed(1)} ms)\n\n`,
  );
  if (PROFILE) process.stdout.write(profileReport(PROFILE_DIR, product.child.pid!, productRate.windows));
  return deletionOk;
}

await runBench(main);
