/**
 * Issue 11, hardening gap "log noise": a client that aborts mid-body on
 * /oauth2/token was logged as an unexpected server error. It is a client
 * event, logged at debug level.
 */
import assert from "node:assert/strict";
import net from "node:net";
import { test } from "node:test";

process.env.LOG_LEVEL = "debug";
const { setupTestApp } = await import("@/test/harness");
const app = await setupTestApp();
const base = new URL(await app.listen());

/** Every log line written while `fn` runs (the logger writes JSON lines to stdout and stderr). */
async function captureLog(fn: () => Promise<void>): Promise<{ level: string; msg: string }[]> {
  const lines: string[] = [];
  const originals = { out: process.stdout.write, err: process.stderr.write };
  const capture = (original: typeof process.stdout.write) =>
    function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      lines.push(String(chunk));
      return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof process.stdout.write;
  process.stdout.write = capture(originals.out);
  process.stderr.write = capture(originals.err);
  try {
    await fn();
  } finally {
    process.stdout.write = originals.out;
    process.stderr.write = originals.err;
  }
  return lines
    .flatMap((line) => line.split("\n"))
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line));
}

/** Sends the head and part of a body, then drops the connection. */
function abortMidBody(path: string, headers: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(base.port), base.hostname, () => {
      socket.write(`POST ${path} HTTP/1.1\r\nhost: ${base.host}\r\n${headers}content-length: 1000\r\n\r\ngrant_type=client_cre`);
      setTimeout(() => {
        socket.destroy();
        // Give the server a moment to notice and log.
        setTimeout(resolve, 300);
      }, 100);
    });
    socket.on("error", reject);
  });
}

test("a client aborting mid-body on /oauth2/token is a debug-level client event, not an error", async () => {
  const entries = await captureLog(() => abortMidBody("/oauth2/token", "content-type: application/x-www-form-urlencoded\r\n"));
  const loud = entries.filter((entry) => entry.level === "error" || entry.level === "warn");
  assert.deepEqual(loud, [], "nothing at warn or error");
  assert.ok(
    entries.some((entry) => entry.level === "debug" && /aborted/i.test(entry.msg)),
    `a debug line names the abort; got ${JSON.stringify(entries)}`,
  );
});

test("the same abort on /oauth2/introspect, /oauth2/revoke and /api/graphql is quiet too", async () => {
  for (const [path, headers] of [
    ["/oauth2/introspect", "content-type: application/x-www-form-urlencoded\r\n"],
    ["/oauth2/revoke", "content-type: application/x-www-form-urlencoded\r\n"],
    ["/api/graphql", `content-type: application/json\r\nauthorization: Bearer ${app.admin.token}\r\n`],
  ]) {
    const entries = await captureLog(() => abortMidBody(path, headers));
    assert.deepEqual(
      entries.filter((entry) => entry.level === "error" || entry.level === "warn"),
      [],
      path,
    );
  }
});
