import assert from "node:assert/strict";
import { createPrivateKey, randomBytes } from "node:crypto";
import { test } from "node:test";
import { decodeProtectedHeader, jwtVerify } from "jose";
import { setupTestApp } from "@/test/harness";
import { signAccessToken, verifyAccessTokenSignature } from "./access-token";
import { ACTIVATION_DELAY_MS, KeyRing, KEY_REFRESH_MS, publicationWindowMs, rotateSigningKey } from "./signing-keys";

const app = await setupTestApp();
const TTL = 3600;
const ISSUER = "http://compass.test";
const expected = { issuer: ISSUER, audience: `${ISSUER}/api/graphql` };

/** A key ring on a clock the test moves. */
function ringAt(start = Date.now()) {
  const clock = { now: start };
  return { clock, ring: new KeyRing(app.db, TTL, () => clock.now) };
}

async function sign(ring: KeyRing, now: number) {
  const issuedAt = Math.floor(now / 1000);
  const { token } = await signAccessToken(ring, {
    ...expected,
    clientId: "client",
    integrationSystemId: "system",
    scopes: ["integration_system:read"],
    issuedAt,
    expiresAt: issuedAt + TTL,
  });
  return token;
}

test("start-up's key is stored with its private half encrypted, and the JWKS holds only the public half", async () => {
  const rows = await app.db.signingKey.findMany();
  assert.equal(rows.length, 1);
  const [row] = rows;
  assert.equal(row.algorithm, "ES256");
  assert.match(row.encryptedPrivateKey, /^v1\./);
  assert.doesNotMatch(row.encryptedPrivateKey, /PRIVATE KEY|BEGIN/, "no PEM in the clear");
  // No part of the stored value is a key: neither PEM text nor PKCS #8 DER.
  for (const part of row.encryptedPrivateKey.split(".").slice(1)) {
    const bytes = Buffer.from(part, "base64url");
    assert.doesNotMatch(bytes.toString("latin1"), /PRIVATE KEY/);
    assert.throws(() => createPrivateKey({ key: bytes, format: "der", type: "pkcs8" }), "no DER in the clear");
  }
  const jwk = JSON.parse(row.publicJwk);
  assert.equal(jwk.kid, row.id);
  assert.equal(jwk.d, undefined);
  const { ring } = ringAt();
  const token = await sign(ring, Date.now());
  assert.equal(decodeProtectedHeader(token).kid, row.id);
  const jwks = await ring.publicJwks();
  assert.deepEqual(jwks.map((key) => key.kid), [row.id]);
  // jose alone, with only the published JWK, verifies what the ring signed.
  await jwtVerify(token, async () => (await import("jose")).importJWK(jwks[0], "ES256"), { ...expected, typ: "at+jwt" });
});

test("rotation publishes the new key at once, signs with it after the activation delay, and keeps the old key until its tokens expire", async () => {
  const start = Date.now();
  const { clock, ring } = ringAt(start);
  const oldKid = decodeProtectedHeader(await sign(ring, start)).kid;
  const oldToken = await sign(ring, start);

  const { kid: newKid, retired } = await rotateSigningKey(app.db, TTL);
  assert.deepEqual(retired, [oldKid]);
  // Another instance's ring (a fresh one) and this one after its refresh:
  const other = new KeyRing(app.db, TTL, () => clock.now);
  assert.deepEqual((await other.publicJwks()).map((key) => key.kid).sort(), [newKid, oldKid].sort(), "both published at once");
  assert.equal(decodeProtectedHeader(await sign(other, clock.now)).kid, oldKid, "the old key signs until the new one activates");

  clock.now = start + ACTIVATION_DELAY_MS + KEY_REFRESH_MS + 1;
  await ring.publicJwks(); // a refresh, as the periodic one would
  const newToken = await sign(ring, clock.now);
  assert.equal(decodeProtectedHeader(newToken).kid, newKid, "the new key signs after the delay");
  assert.equal((await verifyAccessTokenSignature(other, oldToken, { ...expected, now: clock.now })).ok, true, "old tokens still verify");
  assert.equal((await verifyAccessTokenSignature(other, newToken, { ...expected, now: clock.now })).ok, true);

  // Once the old key's last token has expired, it is no longer published nor trusted.
  clock.now = start + ACTIVATION_DELAY_MS + publicationWindowMs(TTL) + 1000;
  const late = new KeyRing(app.db, TTL, () => clock.now);
  assert.deepEqual((await late.publicJwks()).map((key) => key.kid), [newKid]);
  const verdict = await verifyAccessTokenSignature(late, oldToken, { ...expected, now: clock.now });
  assert.equal(verdict.ok, false);
});

test("an instance learns a key another instance added the moment it sees a token signed with it", async () => {
  const first = ringAt(Date.now() + 10 * 3600_000);
  const second = ringAt(first.clock.now);
  await second.ring.publicJwks(); // loaded before the rotation
  await rotateSigningKey(app.db, TTL);
  first.clock.now += ACTIVATION_DELAY_MS + 1;
  second.clock.now = first.clock.now;
  const token = await sign(first.ring, first.clock.now);
  const verdict = await verifyAccessTokenSignature(second.ring, token, { ...expected, now: first.clock.now });
  assert.equal(verdict.ok, true, JSON.stringify(verdict));
});

test("signing keys cannot be used with another SECRET_KEY, and the error says why", async () => {
  const original = process.env.SECRET_KEY;
  const symbol = Symbol.for("compass.secretKey");
  const store = globalThis as Record<symbol, unknown>;
  try {
    process.env.SECRET_KEY = randomBytes(32).toString("hex");
    delete store[symbol];
    const { ring } = ringAt();
    await assert.rejects(ring.activeKey(), /SECRET_KEY differs/);
  } finally {
    process.env.SECRET_KEY = original;
    delete store[symbol];
  }
});
