import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { log } from "./logger";

/**
 * Runs Next.js in a child process (lib/next-server.ts, which says why) and
 * forwards requests to it over a private socket, streaming both ways.
 */

/** Env var through which the child learns its socket path. */
export const NEXT_SOCKET_ENV = "COMPASS_NEXT_SOCKET";
/** The child's IPC message once it can take requests. */
export const READY_MESSAGE = "compass:next-ready";

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
  new Set((connection ?? "").toLowerCase().split(",").map((name) => name.trim()));

/**
 * To Next: the parsed headers, which hold the client address set by server.ts
 * (the raw ones still hold whatever the client sent), and are what Next would
 * have seen in this process.
 */
function requestHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const named = connectionOptions(headers.connection);
  const result: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && !named.has(name)) result[name] = value;
  }
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
export async function startNextProcess(
  onUnexpectedExit: (code: number | null, signal: NodeJS.Signals | null) => void,
): Promise<NextProcess> {
  // A socket in a fresh folder only this user can enter (mkdtemp makes it 0700):
  // no other local process can reach Next directly and forge the client address.
  const socketDir = process.platform === "win32" ? null : fs.mkdtempSync(path.join(os.tmpdir(), "compass-next-"));
  const socketPath = socketDir ? path.join(socketDir, "next.sock") : `\\\\.\\pipe\\compass-next-${randomUUID()}`;
  const removeSocketDir = () => socketDir && fs.rmSync(socketDir, { recursive: true, force: true });

  // The sibling file with this module's own extension: .ts under tsx, .js if compiled.
  const self = fileURLToPath(import.meta.url);
  const child = fork(path.join(path.dirname(self), `next-server${path.extname(self)}`), [], {
    env: { ...process.env, [NEXT_SOCKET_ENV]: socketPath },
    // The same stdout and stderr, so the log stays one stream.
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    // Keeps the loader this process runs under (tsx), but not an inspector port it already holds.
    execArgv: process.execArgv.filter((arg) => !arg.startsWith("--inspect")),
  });

  let ready = false;
  let stopping = false;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      removeSocketDir();
      if (ready && !stopping) onUnexpectedExit(code, signal);
      resolve();
    });
  });
  await new Promise<void>((resolve, reject) => {
    child.on("message", (message) => {
      if (message !== READY_MESSAGE) return;
      ready = true;
      resolve();
    });
    void exited.then(() => reject(new Error("the Next.js process exited before it was ready")));
  });

  const agent = new http.Agent({ keepAlive: true });

  function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const upstream = http.request(
      { socketPath, agent, method: req.method, path: req.url, headers: requestHeaders(req.headers) },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, responseHeaders(answer));
        answer.pipe(res);
        answer.on("error", (error) => res.destroy(error));
      },
    );
    upstream.on("error", (error) => {
      if (res.destroyed) return; // the client went away first, see below
      log.error("could not forward a request to Next.js", { url: req.url, error: error.message });
      if (res.headersSent) res.destroy(error);
      else res.writeHead(502, { "content-type": "text/plain; charset=utf-8" }).end("Bad gateway");
    });
    // A client that hangs up mid-request must not leave Next working for nobody.
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }

  async function stop() {
    stopping = true;
    // Closing the IPC channel is the child's signal to exit (lib/next-server.ts).
    if (child.connected) child.disconnect();
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
    agent.destroy();
  }

  return { handle, stop };
}
