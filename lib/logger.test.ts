/**
 * The logger batches stdout lines per turn of the event loop (decision 0037):
 * what an operator relies on is that no line is lost or reordered, that
 * warnings and errors are not held back, and that a process that exits right
 * after logging still writes its lines.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { log } from "./logger";

/**
 * Replaces a stream's write with one that keeps the logger's text chunks; the
 * test runner's own reports (binary, on stdout) pass through.
 */
function keepText(stream: NodeJS.WriteStream, kept: string[]): () => void {
  const original = stream.write;
  stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    if (typeof chunk === "string") return kept.push(chunk) > 0;
    return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof stream.write;
  return () => {
    stream.write = original;
  };
}

/** The text chunks handed to stdout and stderr while `fn` runs and until the turn after it. */
async function captureWrites(fn: (writes: { out: string[]; err: string[] }) => void): Promise<{ out: string[]; err: string[] }> {
  const writes = { out: [] as string[], err: [] as string[] };
  const restore = [keepText(process.stdout, writes.out), keepText(process.stderr, writes.err)];
  try {
    fn(writes);
    assert.equal(writes.out.length, 0, "info lines wait for the end of the turn");
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    for (const undo of restore) undo();
  }
  return writes;
}

const messages = (chunks: string[]) =>
  chunks
    .join("")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line).msg);

test("info lines logged in one turn go out in one write, in order; warnings and errors at once", async () => {
  const writes = await captureWrites((during) => {
    for (let i = 0; i < 50; i++) log.info(`line ${i}`);
    log.warn("a warning");
    log.error("an error");
    assert.deepEqual(messages(during.err), ["a warning", "an error"], "warnings and errors are not held back");
  });
  assert.equal(writes.out.length, 1);
  assert.deepEqual(
    messages(writes.out),
    Array.from({ length: 50 }, (_, i) => `line ${i}`),
  );
});

test("a flood larger than the batch limit is written without waiting for the turn to end", async () => {
  const writes = { out: [] as string[] };
  const restore = keepText(process.stdout, writes.out);
  try {
    for (let i = 0; i < 2_000; i++) log.info("flood", { filler: "x".repeat(100) });
    assert.ok(writes.out.length >= 2, `written during the turn in ${writes.out.length} writes`);
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    restore();
  }
  assert.equal(messages(writes.out).length, 2_000, "no line lost");
});

test("a process that exits right after logging still writes its lines", async () => {
  const logger = path.join(process.cwd(), "lib", "logger.ts");
  const script = `const { log } = await import(${JSON.stringify(logger)}); log.info("last words"); process.exit(3);`;
  const child = await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", script], {
    env: { ...process.env, LOG_LEVEL: "info" },
    timeout: 20_000,
  }).catch((failure: { code: number; stdout: string }) => failure);
  assert.equal("code" in child ? child.code : 0, 3);
  assert.deepEqual(messages([child.stdout]), ["last words"]);
});
