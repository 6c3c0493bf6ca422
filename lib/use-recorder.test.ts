import assert from "node:assert/strict";
import { test } from "node:test";
import { UseRecorder } from "./use-recorder";

test("uses are written once per key per flush, the latest wins, and a forgotten key is not written", async () => {
  const writes: [string, number][] = [];
  const recorder = new UseRecorder(async (key, usedAt) => writes.push([key, usedAt.getTime()]), "things", 60_000);
  recorder.record("a", new Date(1));
  recorder.record("a", new Date(2));
  recorder.record("b", new Date(3));
  recorder.record("gone", new Date(4));
  recorder.forget("gone");
  assert.deepEqual(writes, [], "nothing is written on the request path");
  await recorder.flush();
  assert.deepEqual(writes, [
    ["a", 2],
    ["b", 3],
  ]);
  await recorder.flush();
  assert.equal(writes.length, 2, "a flush writes only what was used since the last one");
});

test("pending uses are written by the timer without a flush call", async () => {
  let resolve!: (key: string) => void;
  const written = new Promise<string>((done) => (resolve = done));
  const keepAlive = setTimeout(() => {}, 5_000);
  const recorder = new UseRecorder(async (key) => resolve(key), "things", 5);
  recorder.record("a", new Date());
  assert.equal(await written, "a");
  clearTimeout(keepAlive);
});
