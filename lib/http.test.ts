import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { readForm } from "@/oauth2/protocol";
import { BodyTooLargeError, readBodyText, readJsonObject } from "./http";

/** A body sent chunked (no Content-Length), `chunk` repeated `times` times (endlessly for Infinity); counts the chunks pulled. */
function chunked(chunk: string, times: number) {
  const bytes = new TextEncoder().encode(chunk);
  const stream = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (stream.pulled >= times) return controller.close();
        stream.pulled += 1;
        controller.enqueue(bytes);
      },
    },
    { highWaterMark: 0 },
  ); // pulled only when read
  return { stream, body };
}

const post = (contentType: string, body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) =>
  new Request("http://localhost/x", { method: "POST", headers: { "content-type": contentType, ...headers }, body, duplex: "half" } as RequestInit);

describe("readBodyText, the one bounded body reader", () => {
  test("counts bytes, not characters: 3,000 '€' are 9,000 bytes", async () => {
    const { body } = chunked("€".repeat(1000), 3);
    await assert.rejects(readBodyText({ url: "http://compass.test/", headers: new Headers(), body }, 8192), BodyTooLargeError);
    assert.equal(await readBodyText({ url: "http://compass.test/", headers: new Headers(), body: chunked("€".repeat(1000), 2).body }, 8192), "€".repeat(2000));
  });

  test("stops reading an endless chunked body once it is past the limit", async () => {
    const { stream, body } = chunked("x".repeat(1024), Infinity);
    await assert.rejects(readBodyText({ url: "http://compass.test/", headers: new Headers(), body }, 16 * 1024), BodyTooLargeError);
    assert.ok(stream.pulled <= 20, `pulled ${stream.pulled} chunks of 1 KiB for a 16 KiB limit`);
  });

  test("refuses a declared Content-Length over the limit without reading", async () => {
    const { stream, body } = chunked("x", 1);
    await assert.rejects(readBodyText({ url: "http://compass.test/", headers: new Headers({ "content-length": "9000" }), body }, 8192), BodyTooLargeError);
    assert.equal(stream.pulled, 0);
  });
});

describe("every reader goes through it", () => {
  test("the /api/auth JSON routes: 413 for 16 KiB of multi-byte text in fewer characters, and for an endless chunked body", async () => {
    const multiByte = await readJsonObject(post("application/json", JSON.stringify({ password: "€".repeat(6000) })));
    assert.ok(multiByte instanceof Response);
    assert.equal(multiByte.status, 413);
    const endless = await readJsonObject(post("application/json", chunked("x".repeat(1024), Infinity).body));
    assert.ok(endless instanceof Response);
    assert.equal(endless.status, 413);
  });

  test("the OAuth2 forms: 413 invalid_request for 8 KiB of multi-byte text in fewer characters, and for an endless chunked body", async () => {
    await assert.rejects(readForm(post("application/x-www-form-urlencoded", `grant_type=client_credentials&x=${"€".repeat(3000)}`)), {
      code: "invalid_request",
      status: 413,
    });
    await assert.rejects(readForm(post("application/x-www-form-urlencoded", chunked("x".repeat(1024), Infinity).body)), {
      code: "invalid_request",
      status: 413,
    });
  });
});
