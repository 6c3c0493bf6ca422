import { countAuthFailure, isMetricMessage } from "@/lib/metrics";
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getConfig } from "@/lib/config";
import { log } from "@/lib/logger";

/**
 * Runs Next.js in a child process (server/next-server.ts, which says why) and
 * forwards requests to it, streaming both ways.
 *
 * The child listens on a loopback port of its own choosing and serves only
 * requests that carry a secret made afresh for each start: other local
 * processes can reach the port but not forge the client address header.
 * (A Unix socket in a private folder would need no secret, but leaves the
 * folder behind whenever both processes are killed outright, as Playwright
 * does to its web server.)
 */

/** Env var through which the child gets the secret. */
export const NEXT_SECRET_ENV = "COMPASS_NEXT_SECRET";
/** Request header that carries it. */
export const NEXT_SECRET_HEADER = "x-compass-next-secret";

/**
 * Node flags for the child. Without a heap limit V8 sizes Next's heap for the
 * machine and lets it grow to about 300 MB, mostly garbage, before a full
 * collection; about 50 MB of it is live (docs/decisions/0008-production-start.md).
 * The same flag given to the server's own `node` command overrides this one.
 */
const CHILD_NODE_FLAGS = ["--max-old-space-size=160"];

/** The child's IPC message once it listens. */
export interface ReadyMessage {
  type: "compass:next-ready";
  port: number;
}

const isReadyMessage = (message: unknown): message is ReadyMessage =>
  typeof message === "object" && message !== null && (message as ReadyMessage).type === "compass:next-ready";

export interface NextProcess {
  /** Forwards the request to Next and streams the answer back. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): void;
  /** Stops the process; call it once nothing is being forwarded any more. */
  stop(): Promise<void>;
}

// Headers about one connection rather than the message (RFC 9110, 7.6.1):
// each side of the proxy has its own connection and sets its own.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"]);

const connectionOptions = (connection: string | undefined) =>
  new Set(
    (connection ?? "")
      .toLowerCase()
      .split(",")
      .map((name) => name.trim()),
  );

// What a proxy in front says about the client's connection. Next believes
// them (X-Forwarded-Proto makes its request.url https, X-Forwarded-Host is
// what it checks server actions' Origin against), so unless TRUST_PROXY says a
// proxy of ours set them they are replaced with this connection's own facts.
const FORWARDED = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"];

/**
 * To Next: the parsed headers, which hold the client address set by server/main.ts
 * (the raw ones still hold whatever the client sent), and are what Next would
 * have seen in this process.
 */
export function requestHeaders(req: http.IncomingMessage, secret: string, trustProxy = getConfig().trustProxy): http.OutgoingHttpHeaders {
  const named = connectionOptions(req.headers.connection);
  const result: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && !named.has(name)) result[name] = value;
  }
  if (!trustProxy) for (const name of FORWARDED) delete result[name];
  // In one process Next filled these in from the client's connection; in the
  // child it would take this process's loopback one. This server speaks plain http.
  result["x-forwarded-for"] ??= req.socket.remoteAddress;
  result["x-forwarded-proto"] ??= "http";
  if (req.headers.host !== undefined) result["x-forwarded-host"] ??= req.headers.host;
  result[NEXT_SECRET_HEADER] = secret;
  return result;
}

/** From Next: the raw headers, so names keep their case and repeated headers stay repeated. */
function responseHeaders(answer: http.IncomingMessage): string[] {
  const named = connectionOptions(answer.headers.connection);
  const result: string[] = [];
  for (let i = 0; i < answer.rawHeaders.length; i += 2) {
    const name = answer.rawHeaders[i].toLowerCase();
    if (!HOP_BY_HOP.has(name) && !named.has(name)) result.push(answer.rawHeaders[i], answer.rawHeaders[i + 1]);
  }
  return result;
}

/**
 * Starts Next in its own process and resolves once it is ready.
 * `onUnexpectedExit` is called if it exits other than through stop().
 */
export async function startNextProcess(onUnexpectedExit: (code: number | null, signal: NodeJS.Signals | null) => void): Promise<NextProcess> {
  const secret = randomBytes(32).toString("base64url");
  // The sibling file with this module's own extension: .ts under tsx, .js if compiled.
  const self = fileURLToPath(import.meta.url);
  const child = fork(path.join(path.dirname(self), `next-server${path.extname(self)}`), [], {
    // In the environment rather than the arguments, which other users can read.
    env: { ...process.env, [NEXT_SECRET_ENV]: secret },
    // The same stdout and stderr, so the log stays one stream.
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    // Keeps the loader this process runs under (tsx), but not an inspector port it already holds.
    // CHILD_NODE_FLAGS come first, so the same flags given to this process win.
    execArgv: [...CHILD_NODE_FLAGS, ...process.execArgv.filter((arg) => !arg.startsWith("--inspect"))],
  });

  let ready = false;
  let stopping = false;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      if (ready && !stopping) onUnexpectedExit(code, signal);
      resolve();
    });
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.on("message", (message) => {
      if (isMetricMessage(message)) return countAuthFailure(message.kind);
      if (!isReadyMessage(message)) return;
      ready = true;
      resolve(message.port);
    });
    void exited.then(() => reject(new Error("the Next.js process exited before it was ready")));
  });

  const agent = new http.Agent({ keepAlive: true });

  const failed = (req: http.IncomingMessage, res: http.ServerResponse, error: Error) => {
    if (res.destroyed) return; // the client went away first, see handle()
    log.error("could not forward a request to Next.js", { url: req.url, error: error.message });
    if (res.headersSent) res.destroy(error);
    else res.writeHead(502, { "content-type": "text/plain; charset=utf-8" }).end("Bad gateway");
  };

  function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    let upstream: http.ClientRequest;
    // Node's HTTP client validates what its parser let through a little more
    // strictly, and throws; a throw here would take the whole server down.
    try {
      upstream = http.request({ host: "127.0.0.1", port, agent, method: req.method, path: req.url, headers: requestHeaders(req, secret) }, (answer) => {
        try {
          res.writeHead(answer.statusCode ?? 502, answer.statusMessage, responseHeaders(answer));
        } catch (error) {
          answer.destroy();
          failed(req, res, error as Error);
          return;
        }
        answer.pipe(res);
        answer.on("error", (error) => res.destroy(error));
      });
    } catch (error) {
      failed(req, res, error as Error);
      return;
    }
    upstream.on("error", (error) => failed(req, res, error));
    // A client that hangs up mid-request must not leave Next working for nobody.
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }

  async function stop() {
    stopping = true;
    // Closing the IPC channel is the child's signal to exit (server/next-server.ts).
    if (child.connected) child.disconnect();
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
    agent.destroy();
  }

  return { handle, stop };
}
