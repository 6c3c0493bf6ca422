import assert from "node:assert/strict";
import { test } from "node:test";
import { FreshCache } from "./fresh-cache";

function gated<T>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

function cacheOnClock(max = 100) {
  const clock = { now: 1_000_000 };
  const cache = new FreshCache<string, string>({ name: "revocation", freshnessMs: 750, max, now: () => clock.now });
  return { clock, cache };
}

test("an answer is used for freshnessMs after its read started, then read again", async () => {
  const { clock, cache } = cacheOnClock();
  let reads = 0;
  const read = async () => `answer ${++reads}`;
  assert.equal(await cache.get("k", read), "answer 1");
  clock.now += 749;
  assert.equal(await cache.get("k", read), "answer 1", "fresh just inside the window");
  clock.now += 1;
  assert.equal(await cache.get("k", read), "answer 2", "read again once the window has passed");

  // The window starts when the read starts, not when it ends: a slow read is not fresh for longer.
  const slow = gated<string>();
  clock.now += 750;
  const answer = cache.get("k", () => slow.promise);
  clock.now += 700;
  slow.open("slow answer");
  assert.equal(await answer, "slow answer");
  clock.now += 50;
  assert.equal(await cache.get("k", read), "answer 3", "750 ms after the slow read began, not after it ended");
});

test("concurrent requests for one key share one read; a failed read is not cached", async () => {
  const { cache } = cacheOnClock();
  const gate = gated<string>();
  let reads = 0;
  const read = () => (reads++, gate.promise);
  const answers = Promise.all([cache.get("k", read), cache.get("k", read), cache.get("k", read)]);
  gate.open("shared");
  assert.deepEqual(await answers, ["shared", "shared", "shared"]);
  assert.equal(reads, 1);

  await assert.rejects(cache.get("broken", async () => Promise.reject(new Error("database down"))));
  assert.equal(await cache.get("broken", async () => "back"), "back", "the failure was not kept");
});

test("a read that raced a revocation is not cached, and requests after the revocation do not join it", async () => {
  const { cache } = cacheOnClock();
  // forget(key): the read in flight began before the change.
  const stale = gated<string>();
  const racing = cache.get("token", () => stale.promise);
  cache.forget("token");
  const after = cache.get("token", async () => "revoked");
  stale.open("valid");
  assert.equal(await racing, "valid", "the caller who asked before the change sees the old answer");
  assert.equal(await after, "revoked", "a caller who asked after it reads again");
  assert.equal(await cache.get("token", async () => "never read"), "revoked", "and only the later read was cached");

  // pin(key): what this process just wrote wins over a read in flight that returns the old state.
  const oldState = gated<string>();
  const inFlight = cache.get("jti", () => oldState.promise);
  cache.pin("jti", "revoked");
  oldState.open("not revoked");
  await inFlight;
  assert.equal(await cache.get("jti", async () => "not revoked"), "revoked");

  // forgetWhere: values are unknown while in flight, so every read in flight is detached.
  const other = gated<string>();
  const otherRead = cache.get("other", () => other.promise);
  cache.forgetWhere((value) => value === "revoked");
  other.open("old other");
  await otherRead;
  assert.equal(await cache.get("other", async () => "new other"), "new other");
  assert.equal(await cache.get("jti", async () => "read again"), "read again", "the matching entry was forgotten");
});

test("the cache keeps at most max answers, forgetting the oldest", async () => {
  const { cache } = cacheOnClock(3);
  for (let i = 0; i < 1000; i++) await cache.get(`key ${i}`, async () => `value ${i}`);
  assert.equal(cache.size, 3);
  assert.equal(await cache.get("key 999", async () => "read again"), "value 999", "the newest is kept");
  assert.equal(await cache.get("key 0", async () => "read again"), "read again", "the oldest went");
});
