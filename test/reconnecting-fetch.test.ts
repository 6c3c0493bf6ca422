/** Issue 27, "blips stay in the app": a navigation's page data is fetched again while the server cannot be reached. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { reconnectingFetch } from "@/components/console/reconnecting-fetch";

const PAGE_DATA = { headers: { rsc: "1" } };

/** A fetch that fails with `failures` (a network error, or a status) before it answers 200. */
function flaky(failures: (number | "network")[]) {
  const calls: RequestInit[] = [];
  const fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(init ?? {});
    const next = failures.shift();
    if (next === "network") throw new TypeError("Failed to fetch");
    return new Response("ok", { status: next ?? 200 });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

test("page data is tried again through network errors and 502-504, with the waiting reported once", async () => {
  const { fetch, calls } = flaky(["network", 503, "network", 502]);
  const waiting: number[] = [];
  const response = await reconnectingFetch(fetch, (delta) => waiting.push(delta), [1])("/tenants?_rsc=1", PAGE_DATA);
  assert.equal(response.status, 200);
  assert.equal(calls.length, 5);
  assert.deepEqual(waiting, [1, -1]);
});

test("other requests, prefetches and answers such as 404 pass through untouched", async () => {
  const waiting: number[] = [];
  const graphql = flaky(["network"]);
  await assert.rejects(reconnectingFetch(graphql.fetch, (delta) => waiting.push(delta), [1])("/api/graphql", { method: "POST" }), TypeError);
  const prefetch = flaky(["network"]);
  await assert.rejects(
    reconnectingFetch(prefetch.fetch, (delta) => waiting.push(delta), [1])("/x", { headers: { rsc: "1", "next-router-prefetch": "1" } }),
    TypeError,
  );
  const missing = flaky([404]);
  assert.equal((await reconnectingFetch(missing.fetch, (delta) => waiting.push(delta), [1])("/x", PAGE_DATA)).status, 404);
  assert.deepEqual(waiting, []);
});

test("a navigation the router drops (aborted) stops retrying and stops waiting", async () => {
  const { fetch } = flaky(Array(1000).fill("network"));
  const controller = new AbortController();
  const waiting: number[] = [];
  const pending = reconnectingFetch(fetch, (delta) => waiting.push(delta), [5])("/x", { ...PAGE_DATA, signal: controller.signal });
  setTimeout(() => controller.abort(new DOMException("navigated away", "AbortError")), 30);
  await assert.rejects(pending, { name: "AbortError" });
  assert.deepEqual(waiting, [1, -1]);
});
