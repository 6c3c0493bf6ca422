import assert from "node:assert/strict";
import { test } from "node:test";
import { Throttle, type ThrottlePolicy } from "./throttle";

/** A throttle on a clock that only moves when the test says so. */
function throttleWithClock(policy: ThrottlePolicy) {
  let now = 1_000_000;
  const throttle = new Throttle(policy, () => now);
  return { throttle, advance: (ms: number) => void (now += ms) };
}

const policy: ThrottlePolicy = { freeAttempts: 3, windowMs: 60_000, maxDelayMs: 8_000 };

test("the free attempts cost nothing, and the last of them starts the wait", () => {
  const { throttle } = throttleWithClock(policy);
  assert.equal(throttle.retryAfterMs("a"), 0, "an unknown key may try");
  for (let i = 0; i < policy.freeAttempts - 1; i++) {
    throttle.recordFailure("a");
    assert.equal(throttle.retryAfterMs("a"), 0, `after failure ${i + 1}`);
  }
  throttle.recordFailure("a");
  assert.equal(throttle.retryAfterMs("a"), 1_000, `no attempt beyond the ${policy.freeAttempts} free ones without waiting`);
});

test("each further failure doubles the delay, from one second up to the cap", () => {
  const { throttle, advance } = throttleWithClock(policy);
  for (let i = 0; i < policy.freeAttempts - 1; i++) throttle.recordFailure("a");
  const delays: number[] = [];
  for (let i = 0; i < 6; i++) {
    throttle.recordFailure("a");
    const delay = throttle.retryAfterMs("a");
    delays.push(delay);
    advance(delay);
    assert.equal(throttle.retryAfterMs("a"), 0, "allowed again once the delay has passed");
  }
  assert.deepEqual(delays, [1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
});

test("the delay counts down with the clock", () => {
  const { throttle, advance } = throttleWithClock(policy);
  for (let i = 0; i < policy.freeAttempts + 1; i++) throttle.recordFailure("a");
  assert.equal(throttle.retryAfterMs("a"), 2_000);
  advance(500);
  assert.equal(throttle.retryAfterMs("a"), 1_500);
  advance(1_499);
  assert.equal(throttle.retryAfterMs("a"), 1);
  advance(1);
  assert.equal(throttle.retryAfterMs("a"), 0);
});

test("keys are independent", () => {
  const { throttle } = throttleWithClock(policy);
  for (let i = 0; i < policy.freeAttempts; i++) throttle.recordFailure("a");
  assert.equal(throttle.retryAfterMs("a"), 1_000);
  assert.equal(throttle.retryAfterMs("b"), 0);
  throttle.recordFailure("b");
  assert.equal(throttle.retryAfterMs("b"), 0);
});

test("a success clears the key", () => {
  const { throttle } = throttleWithClock(policy);
  for (let i = 0; i < policy.freeAttempts + 2; i++) throttle.recordFailure("a");
  assert.equal(throttle.retryAfterMs("a"), 4_000);
  throttle.recordSuccess("a");
  assert.equal(throttle.retryAfterMs("a"), 0);
  for (let i = 0; i < policy.freeAttempts - 1; i++) throttle.recordFailure("a");
  assert.equal(throttle.retryAfterMs("a"), 0, "the free attempts are back");
  throttle.recordFailure("a");
  assert.equal(throttle.retryAfterMs("a"), 1_000, "and the doubling starts over");
  throttle.recordSuccess("unknown key");
});

test("failures older than the window are forgotten", () => {
  const { throttle, advance } = throttleWithClock(policy);
  for (let i = 0; i < policy.freeAttempts - 1; i++) throttle.recordFailure("a");
  advance(policy.windowMs);
  throttle.recordFailure("a");
  assert.equal(throttle.retryAfterMs("a"), 1_000, "still inside the window at exactly windowMs");

  const other = throttleWithClock(policy);
  for (let i = 0; i < policy.freeAttempts; i++) other.throttle.recordFailure("a");
  other.advance(policy.windowMs + 1);
  assert.equal(other.throttle.retryAfterMs("a"), 0);
  for (let i = 0; i < policy.freeAttempts - 1; i++) other.throttle.recordFailure("a");
  assert.equal(other.throttle.retryAfterMs("a"), 0, "a new window with new free attempts");
  other.throttle.recordFailure("a");
  assert.equal(other.throttle.retryAfterMs("a"), 1_000, "and a delay that starts over");
});

test("a block that outlasts the window is still served in full", () => {
  const { throttle, advance } = throttleWithClock({ freeAttempts: 0, windowMs: 10_000, maxDelayMs: 60_000 });
  for (let i = 0; i < 6; i++) throttle.recordFailure("a");
  assert.equal(throttle.retryAfterMs("a"), 32_000);
  advance(11_000);
  assert.equal(throttle.retryAfterMs("a"), 21_000, "the window has passed, the block has not");
  advance(21_000);
  assert.equal(throttle.retryAfterMs("a"), 0);
  throttle.recordFailure("a");
  assert.equal(throttle.retryAfterMs("a"), 1_000, "forgotten once both have passed");
});

test("reserve counts the attempt before it is verified, so a parallel burst gets only the free attempts", () => {
  const { throttle } = throttleWithClock(policy);
  const other = throttleWithClock(policy).throttle;
  // Forty attempts that all start before any of them is verified.
  const admitted = Array.from({ length: 40 }, () =>
    Throttle.reserve([
      [throttle, "a"],
      [other, "x"],
    ]),
  ).filter((wait) => wait === 0);
  assert.equal(admitted.length, policy.freeAttempts);
  assert.equal(other.retryAfterMs("x"), 1_000, "an attempt refused by one throttle is not counted in the others");
});

test("release gives back one reserved attempt without clearing the others", () => {
  const { throttle } = throttleWithClock(policy);
  for (let i = 0; i < policy.freeAttempts; i++) assert.equal(Throttle.reserve([[throttle, "a"]]), 0);
  assert.equal(throttle.retryAfterMs("a"), 1_000);
  throttle.release("a");
  assert.equal(throttle.retryAfterMs("a"), 0, "one attempt is free again");
  assert.equal(Throttle.reserve([[throttle, "a"]]), 0);
  assert.ok(Throttle.reserve([[throttle, "a"]]) > 0, "but only one");
});

test("a reserved attempt that fails counts its wait from when the failure is known", () => {
  const { throttle, advance } = throttleWithClock(policy);
  for (let i = 0; i < policy.freeAttempts; i++) assert.equal(Throttle.reserve([[throttle, "a"]]), 0);
  advance(900); // the checks take a while
  throttle.confirmFailure("a");
  assert.equal(throttle.retryAfterMs("a"), 1_000, "the full wait, from now");
});
