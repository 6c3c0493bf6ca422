/**
 * Two copies of a module, as Next's route bundles and the plain modules are
 * in one process: an error made by one copy is `instanceof` the other copy's
 * class (lib/cross-copy.ts), and still not of an unrelated class.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as plainProtocol from "@/oauth2/protocol";
import * as plainErrors from "@/domain/errors";
import * as plainHttp from "@/lib/http";

/** The same file under another URL: Node's module loader makes a second, separate copy. */
async function secondCopy<T>(relativePath: string): Promise<T> {
  return (await import(`${new URL(relativePath, import.meta.url).href}?copy=2`)) as T;
}

test("an error from one copy of a module is recognised by another copy's class", async () => {
  const copy = await secondCopy<typeof plainProtocol>("../oauth2/protocol.ts");
  assert.notEqual(copy.OAuthError, plainProtocol.OAuthError, "the test must load a second copy");
  const fromCopy = new copy.OAuthError("invalid_client", "Client authentication failed");
  assert.ok(fromCopy instanceof plainProtocol.OAuthError);
  assert.ok(new plainProtocol.OAuthError("invalid_request", "x") instanceof copy.OAuthError);
  assert.ok(!(fromCopy instanceof plainErrors.DomainError), "another class's brand is not enough");
  assert.ok(!(new Error("plain") instanceof plainProtocol.OAuthError));
  for (const notAnObject of [null, undefined, "text", 1] as unknown[]) assert.ok(!((notAnObject as object) instanceof plainProtocol.OAuthError));

  const errors = await secondCopy<typeof plainErrors>("../domain/errors.ts");
  assert.ok(new errors.DomainError("NOT_FOUND", "gone") instanceof plainErrors.DomainError);
  const http = await secondCopy<typeof plainHttp>("./http.ts");
  assert.ok(new http.BodyTooLargeError(10) instanceof plainHttp.BodyTooLargeError);
  assert.ok(new http.ClientAbortedError() instanceof plainHttp.ClientAbortedError);
  assert.ok(!(new http.ClientAbortedError() instanceof plainHttp.BodyTooLargeError));
});
