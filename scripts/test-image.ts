/**
 * `npm run test:image`: builds the container image and runs it the two ways
 * an operator would (docs/operations.md, "Container image"). Needs podman,
 * runc and mmdebstrap (`apt-get install podman runc mmdebstrap`), root, and
 * the local PostgreSQL (TEST_POSTGRES_URL). Takes about 10 minutes, most of
 * it the image build (npm ci, better-sqlite3 compiled, next build).
 *
 * 1. Base images from Debian's archive, since no registry of images is
 *    reachable here: mmdebstrap makes a trixie root with Node.js (and a builder
 *    one with npm, python3, make, g++), imported as localhost/compass-node-base
 *    and localhost/compass-node-builder; made once, reused when present.
 * 2. `podman build` of the Containerfile with them as BASE_IMAGE and
 *    BUILDER_IMAGE. Prints the image's size.
 * 3. SQLite: one container with a named volume on /data and a read-only root
 *    filesystem; start-up time (from `podman run` to ready), health, a token,
 *    an authenticated read; stopped with SIGTERM, which must exit 0; started
 *    again on the same volume, the data still there.
 * 4. PostgreSQL: two containers on one new database (the second starts while
 *    the first migrates), a token from one used on the other; both stopped.
 *
 * podman runs with the flags this sandbox needs (../shared notes, "Containers"):
 * runc, cgroupfs, host networking, chroot isolation for builds, and no
 * default ulimits (CONTAINERS_CONF, written to a temp folder unless set).
 * IMAGE_TEST_SKIP_BUILD=1 reuses the image already built.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPostgresDatabase } from "@/test/postgres";
import { ROOT, freePort, makeTempDir, onCleanUp, request, runBench, say } from "./bench-support";

const IMAGE = "localhost/compass-director:test";
const BASE_IMAGE = "localhost/compass-node-base:trixie";
const BUILDER_IMAGE = "localhost/compass-node-builder:trixie";
const ADMIN = { email: "admin@example.com", password: "a long image-test password" };
/** Start-up on a busy 2-core machine includes Next's prepare() in its child; a minute is plenty. */
const READY_TIMEOUT_MS = 90_000;

const PODMAN_GLOBAL = ["--runtime", "runc", "--cgroup-manager", "cgroupfs"];

function podman(args: string[], options: { quiet?: boolean } = {}): string {
  const result = spawnSync("podman", [...PODMAN_GLOBAL, ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", options.quiet ? "pipe" : "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`podman ${args.join(" ")} failed (exit ${result.status})${options.quiet ? `: ${result.stderr}` : ""}`);
  return result.stdout.trim();
}

const imageExists = (name: string) => spawnSync("podman", [...PODMAN_GLOBAL, "image", "exists", name]).status === 0;

function requireTools() {
  for (const tool of ["podman", "runc", "mmdebstrap"]) {
    if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0) {
      throw new Error(`${tool} is not installed: apt-get install podman runc mmdebstrap`);
    }
  }
  if (!process.env.CONTAINERS_CONF) {
    // The sandbox refuses setrlimit(RLIMIT_NOFILE), which podman's default ulimits ask for.
    const conf = path.join(makeTempDir("compass-image-conf-"), "containers.conf");
    fs.writeFileSync(conf, "[containers]\ndefault_ulimits = []\n");
    process.env.CONTAINERS_CONF = conf;
  }
}

/** A Debian trixie root made by mmdebstrap and imported as `name`, unless it exists. */
function ensureBase(name: string, packages: string) {
  if (imageExists(name)) return say(`${name}: present`);
  const dir = makeTempDir("compass-base-");
  const tar = path.join(dir, "root.tar");
  const started = performance.now();
  say(`${name}: mmdebstrap trixie with ${packages}`);
  execFileSync("mmdebstrap", ["--quiet", "--variant=minbase", `--include=${packages}`, "trixie", tar], { stdio: "inherit" });
  podman(["import", tar, name], { quiet: true });
  say(`${name}: imported in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

function buildImage() {
  const started = performance.now();
  // The machine's extra CA (a TLS-intercepting proxy in front of the npm registry), for npm ci in the builder.
  const ca = process.env.NODE_EXTRA_CA_CERTS;
  const caArgs = ca && fs.existsSync(ca) ? ["--volume", `${ca}:/run/build-ca.pem:ro`, "--build-arg", "NODE_EXTRA_CA_CERTS=/run/build-ca.pem"] : [];
  podman([
    "build",
    ...caArgs,
    "--isolation",
    "chroot",
    "--network",
    "host",
    "--build-arg",
    `BASE_IMAGE=${BASE_IMAGE}`,
    "--build-arg",
    `BUILDER_IMAGE=${BUILDER_IMAGE}`,
    "-f",
    path.join(ROOT, "Containerfile"),
    "-t",
    IMAGE,
    ROOT,
  ]);
  say(`built ${IMAGE} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

interface Container {
  name: string;
  port: number;
  /** Milliseconds from `podman run` to /api/health/ready answering 200. */
  startupMs: number;
}

async function waitReady(name: string, port: number, started: number): Promise<number> {
  const deadline = started + READY_TIMEOUT_MS;
  for (;;) {
    const state = podman(["inspect", "--format", "{{.State.Status}}", name], { quiet: true });
    if (state === "exited") throw new Error(`${name} exited before it was ready:\n${podman(["logs", name], { quiet: true })}`);
    const status = await request(port, { method: "GET", path: "/api/health/ready" }).then(
      (reply) => reply.status,
      () => 0,
    );
    if (status === 200) return performance.now() - started;
    if (performance.now() > deadline) throw new Error(`${name} was not ready within ${READY_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs the image detached with a read-only root filesystem, host networking on a free port, and waits until ready. */
async function runContainer(label: string, env: Record<string, string>, mounts: string[] = []): Promise<Container> {
  const name = `compass-test-${label}-${randomBytes(3).toString("hex")}`;
  const port = await freePort();
  onCleanUp(() => void spawnSync("podman", [...PODMAN_GLOBAL, "rm", "--force", "--time", "0", name]));
  const envArgs = Object.entries({ ...env, PORT: String(port), HOST: "127.0.0.1", SHUTDOWN_GRACE_SECONDS: "1" }).flatMap(([key, value]) => [
    "-e",
    `${key}=${value}`,
  ]);
  const started = performance.now();
  podman(["run", "--detach", "--name", name, "--network", "host", "--read-only", ...mounts.flatMap((mount) => ["-v", mount]), ...envArgs, IMAGE], {
    quiet: true,
  });
  const startupMs = await waitReady(name, port, started);
  say(`${label}: ready ${(startupMs / 1000).toFixed(1)} s after podman run (port ${port})`);
  return { name, port, startupMs };
}

/** SIGTERM through `podman stop`; the container must exit 0 on its own, well before podman's 30 s SIGKILL. */
function stopContainer(container: Container) {
  const started = performance.now();
  podman(["stop", "--time", "30", container.name], { quiet: true });
  const code = podman(["inspect", "--format", "{{.State.ExitCode}}", container.name], { quiet: true });
  const logs = podman(["logs", container.name], { quiet: true });
  podman(["rm", container.name], { quiet: true });
  if (code !== "0") throw new Error(`${container.name} exited with ${code} on SIGTERM:\n${logs}`);
  if (!logs.includes('"msg":"stopped"')) throw new Error(`${container.name} did not log its clean stop:\n${logs}`);
  say(`${container.name}: stopped cleanly (exit 0) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function json(port: number, method: string, urlPath: string, headers: Record<string, string>, body?: string) {
  const reply = await request(port, { method, path: urlPath, headers, body });
  return { status: reply.status, headers: reply.headers, body: reply.text ? (JSON.parse(reply.text) as any) : null };
}

async function graphql(port: number, headers: Record<string, string>, query: string, variables?: object) {
  const reply = await json(port, "POST", "/api/graphql", { "content-type": "application/json", ...headers }, JSON.stringify({ query, variables }));
  if (reply.status !== 200 || reply.body.errors) throw new Error(`GraphQL ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body.data;
}

/** Client credentials, as a user gets them: log in, API token, integration system, credentials. */
async function clientCredentials(port: number): Promise<{ apiToken: string; clientId: string; clientSecret: string }> {
  const login = await request(port, { method: "POST", path: "/api/auth/login", headers: { "content-type": "application/json" }, body: JSON.stringify(ADMIN) });
  if (login.status !== 204) throw new Error(`login answered ${login.status}: ${login.text}`);
  const cookie = String(login.headers["set-cookie"]).split(";")[0];
  const apiToken = (await graphql(port, { cookie }, `mutation { createApiToken(name: "image-test") { token } }`)).createApiToken.token;
  const bearer = { authorization: `Bearer ${apiToken}` };
  const system = (await graphql(port, bearer, `mutation { createIntegrationSystem(in: {name: "image-test-${randomBytes(3).toString("hex")}"}) { id } }`))
    .createIntegrationSystem.id;
  const credential = (
    await graphql(
      port,
      bearer,
      `mutation($id: ID!) { generateClientCredentialsForIntegrationSystem(id: $id) { auth { credential { ... on OAuthCredentialData { clientId clientSecret } } } } }`,
      { id: system },
    )
  ).generateClientCredentialsForIntegrationSystem.auth.credential;
  return { apiToken, ...credential };
}

async function accessToken(port: number, clientId: string, clientSecret: string): Promise<string> {
  const reply = await json(
    port,
    "POST",
    "/oauth2/token",
    { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}` },
    "grant_type=client_credentials",
  );
  if (reply.status !== 200) throw new Error(`token endpoint answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body.access_token;
}

/** Health, liveness and an authenticated read with `token`; returns the systems' count. */
async function checkServes(container: Container, token: string): Promise<number> {
  for (const probe of ["/api/health", "/api/health/live", "/api/health/ready"]) {
    const reply = await request(container.port, { method: "GET", path: probe });
    if (reply.status !== 200) throw new Error(`${container.name}: ${probe} answered ${reply.status}: ${reply.text}`);
  }
  const data = await graphql(container.port, { authorization: `Bearer ${token}` }, "{ integrationSystems(first: 5) { totalCount data { id name } } }");
  return data.integrationSystems.totalCount;
}

async function onSqlite(): Promise<number> {
  const volume = `compass-test-data-${randomBytes(3).toString("hex")}`;
  podman(["volume", "create", volume], { quiet: true });
  onCleanUp(() => void spawnSync("podman", [...PODMAN_GLOBAL, "volume", "rm", "--force", volume]));
  const env = { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };
  const first = await runContainer("sqlite", env, [`${volume}:/data`]);
  const credentials = await clientCredentials(first.port);
  const token = await accessToken(first.port, credentials.clientId, credentials.clientSecret);
  const count = await checkServes(first, token);
  say(`sqlite: health, token and an authenticated read ok (${count} integration system)`);
  stopContainer(first);

  // The volume holds the database and its SECRET_KEY: a new container serves the same data, the API token still works.
  const second = await runContainer("sqlite-again", env, [`${volume}:/data`]);
  const again = await checkServes(second, credentials.apiToken);
  if (again !== count) throw new Error(`the data did not survive a restart on the volume: ${again} systems, was ${count}`);
  say("sqlite: restarted on the same volume, data and API token still there");
  stopContainer(second);
  return first.startupMs;
}

async function onPostgres(): Promise<number> {
  const database = await createPostgresDatabase("compass_image");
  onCleanUp(database.drop);
  // The containers share the host's network: the database URL is the host's own.
  const env = {
    DATABASE_URL: database.url,
    SECRET_KEY: randomBytes(32).toString("hex"),
    PUBLIC_URL: "http://director.test",
    ALLOWED_HOSTS: "127.0.0.1",
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  };
  // Both at once on the empty database: migrations run once, under the advisory lock.
  const [a, b] = await Promise.all([runContainer("postgresql-a", env), runContainer("postgresql-b", env)]);
  const credentials = await clientCredentials(a.port);
  const token = await accessToken(a.port, credentials.clientId, credentials.clientSecret);
  const onB = await checkServes(b, token);
  const fromB = await accessToken(b.port, credentials.clientId, credentials.clientSecret);
  const onA = await checkServes(a, fromB);
  if (onA !== onB || onA < 1) throw new Error(`the two containers disagree: ${onA} and ${onB} systems`);
  say("postgresql: two containers on one database: a token from each read through the other");
  stopContainer(a);
  stopContainer(b);
  return Math.max(a.startupMs, b.startupMs);
}

async function main() {
  if (os.userInfo().uid !== 0) throw new Error("npm run test:image runs podman as root (this sandbox has no rootless podman)");
  requireTools();
  if (process.env.IMAGE_TEST_SKIP_BUILD === "1" && imageExists(IMAGE)) {
    say(`reusing ${IMAGE}`);
  } else {
    ensureBase(BASE_IMAGE, "nodejs,ca-certificates");
    ensureBase(BUILDER_IMAGE, "nodejs,npm,ca-certificates,python3,make,g++");
    buildImage();
  }
  const size = Number(podman(["image", "inspect", "--format", "{{.Size}}", IMAGE], { quiet: true }));
  const sqliteStartup = await onSqlite();
  const postgresStartup = await onPostgres();
  say(`image size: ${(size / 1e6).toFixed(0)} MB (${IMAGE}, uncompressed, base ${BASE_IMAGE} included)`);
  say(`start-up (podman run to ready): SQLite ${(sqliteStartup / 1000).toFixed(1)} s, PostgreSQL ${(postgresStartup / 1000).toFixed(1)} s (two at once)`);
  // The closing line .ci/run counts, like test:cluster's (one check per run above).
  process.stdout.write("image checks: 3 passed, 0 failed\n");
}

await runBench(main);
