import assert from "node:assert/strict";
import { test } from "node:test";
import { BoundedMap } from "./bounded-map";

test("a BoundedMap forgets its oldest entries past its bound, and setting a key again makes it the newest", () => {
  const map = new BoundedMap<string, number>(3);
  map.set("a", 1).set("b", 2).set("c", 3);
  map.set("a", 10);
  map.set("d", 4);
  assert.deepEqual(
    [...map],
    [
      ["c", 3],
      ["a", 10],
      ["d", 4],
    ],
    "b, the oldest, went; a moved to the newest",
  );
  for (let i = 0; i < 1000; i++) map.set(`key ${i}`, i);
  assert.equal(map.size, 3);
  assert.deepEqual([...map.keys()], ["key 997", "key 998", "key 999"]);
});
