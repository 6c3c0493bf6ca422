import assert from "node:assert/strict";
import net from "node:net";
import { after, test } from "node:test";
import { createDb } from "./db";
import { isDatabaseUnavailable } from "./db-errors";

/** One PostgreSQL protocol message: type byte, length, body. */
function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0);
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

/**
 * A server that accepts the connection and, in the same packet, says it is
 * shutting down (57P01), as PostgreSQL's fast shutdown does to a connection
 * it has just accepted. The PostgreSQL client is used whatever TEST_DATABASE says.
 */
const server = net.createServer((socket) => {
  socket.on("error", () => undefined);
  socket.once("data", () => {
    const shutdown = Buffer.concat(
      ["SFATAL", "VFATAL", "C57P01", "Mterminating connection due to administrator command"].map((field) => Buffer.from(`${field}\0`)).concat(Buffer.from([0])),
    );
    socket.write(Buffer.concat([message("R", Buffer.alloc(4)), message("Z", Buffer.from("I")), message("E", shutdown)]));
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const db = createDb(`postgresql://postgres@127.0.0.1:${(server.address() as net.AddressInfo).port}/compass`);
after(async () => {
  await db.$disconnect().catch(() => undefined);
  await new Promise((resolve) => server.close(resolve));
});

test("a shutdown notice right after connecting fails the transaction as an outage instead of crashing the process", async () => {
  // Before the fix this was an unhandled 'error' event: the test process itself died.
  const error = await db
    .$transaction(async (tx) => tx.integrationSystem.count())
    .then(
      () => null,
      (caught: unknown) => caught,
    );
  assert.ok(error, "the transaction should fail");
  assert.equal(isDatabaseUnavailable(error), true, String(error));
  // And once more: the pool goes on handing out fresh connections.
  const again = await db.integrationSystem.count().then(
    () => null,
    (caught: unknown) => caught,
  );
  assert.equal(isDatabaseUnavailable(again), true, String(again));
});
