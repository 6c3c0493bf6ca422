/**
 * Issue 11, finding 3: the sign-in and setup routes buffered a chunked body
 * completely before applying their 16 KiB limit (400 MB took the Next child
 * from 491 MB to 1.4 GB). Every body reader now stops at its limit. At the
 * attack's size: a 64 MB chunked body.
 */
import assert from "node:assert/strict";
import http from "node:http";
import { test } from "node:test";
import { POST as loginRoute } from "@/app/api/auth/login/route";
import { POST as setupRoute } from "@/app/api/auth/setup/route";
import { startup } from "@/app/startup";
import { TEST_ORIGIN, setupTestApp } from "@/test/harness";

const app = await setupTestApp();
await startup();

const BODY_BYTES = 64 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, "a");

/** A 64 MB body made chunk by chunk as it is pulled, counting what the server pulled. */
function hugeBody() {
  const stats = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stats.pulled >= BODY_BYTES) return controller.close();
      // The first chunk opens a JSON string, so a server reading it all would find it well-formed up to the limit.
      controller.enqueue(stats.pulled === 0 ? Buffer.from(`{"email":"${"a".repeat(CHUNK.length - 10)}`) : CHUNK);
      stats.pulled += CHUNK.length;
    },
  });
  return { stream, stats };
}

/** The largest growth of this process's memory (RSS) while `fn` runs. */
async function peakGrowth<T>(fn: () => Promise<T>): Promise<{ result: T; growth: number; ms: number }> {
  globalThis.gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  const began = performance.now();
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growth: peak - start, ms: performance.now() - began };
  } finally {
    clearInterval(sampler);
  }
}

const MB = 1024 * 1024;

for (const [path, route] of [
  ["/api/auth/login", loginRoute],
  ["/api/auth/setup", setupRoute],
] as const) {
  test(`a 64 MB chunked body to ${path} is refused with 413 after reading at most the limit`, async (t) => {
    const { stream, stats } = hugeBody();
    const {
      result: response,
      growth,
      ms,
    } = await peakGrowth(() =>
      route(
        new Request(`${TEST_ORIGIN}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" }, // no Content-Length: chunked
          body: stream,
          duplex: "half",
        } as RequestInit),
      ),
    );
    t.diagnostic(`read ${stats.pulled} bytes, memory +${(growth / MB).toFixed(1)} MB, ${ms.toFixed(0)} ms`);
    assert.equal(response.status, 413);
    assert.equal((await response.json()).error, "payload_too_large");
    assert.ok(stats.pulled <= 256 * 1024, `read at most a few chunks past the 16 KiB limit, read ${stats.pulled} bytes`);
    assert.ok(growth < 8 * MB, `memory grew by ${(growth / MB).toFixed(1)} MB`);
    assert.ok(ms < 2000, `answered in ${ms.toFixed(0)} ms`);
  });
}

/**
 * Streams a 64 MB chunked body to the fast path over real HTTP and returns the
 * status and how much had been written when the answer came.
 */
function streamToFastPath(base: string, path: string, headers: Record<string, string>): Promise<{ status: number; written: number }> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const request = http.request(`${base}${path}`, { method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } }, (response) => {
      answered = true;
      response.resume();
      resolve({ status: response.statusCode!, written });
      request.destroy();
    });
    request.on("error", (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered && written < BODY_BYTES) {
        written += CHUNK.length;
        if (!request.write(CHUNK)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

test("a 64 MB chunked body to the fast path (/oauth2/token, /api/graphql) is answered 413 long before it is sent in full", async (t) => {
  const base = await app.listen();
  for (const [path, headers] of [
    ["/oauth2/token", { "content-type": "application/x-www-form-urlencoded" }],
    ["/api/graphql", { "content-type": "application/json", authorization: `Bearer ${app.admin.token}` }],
  ] as const) {
    const { result, growth, ms } = await peakGrowth(() => streamToFastPath(base, path, headers));
    t.diagnostic(`${path}: answered after ${(result.written / MB).toFixed(2)} MB sent, memory +${(growth / MB).toFixed(1)} MB, ${ms.toFixed(0)} ms`);
    assert.equal(result.status, 413, path);
    assert.ok(result.written < 16 * MB, `${path}: the answer came after ${(result.written / MB).toFixed(1)} MB of 64`);
    assert.ok(growth < 24 * MB, `${path}: memory grew by ${(growth / MB).toFixed(1)} MB (client and server in one process)`);
    assert.ok(ms < 5000, `${path}: answered in ${ms.toFixed(0)} ms`);
  }
});
