import assert from "node:assert/strict";
import { createPrivateKey, randomBytes } from "node:crypto";
import { mock, test } from "node:test";
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { resetConfig } from "@/lib/config";
import { setupTestApp } from "@/test/harness";
import { signAccessToken, verifyAccessTokenSignature } from "./access-token";
import { ACTIVATION_DELAY_MS, KeyRing, ensureSigningKey, rotateSigningKey } from "./signing-keys";

const app = await setupTestApp();
const TTL = 3600;
const ISSUER = "http://compass.test";
const expected = { issuer: ISSUER, audience: `${ISSUER}/api/graphql` };

/** A key ring on a clock the test moves. */
function ringAt(start = Date.now()) {
  const clock = { now: start };
  return { clock, ring: new KeyRing(app.db, TTL, () => clock.now) };
}

/** A token signed now by a ring on a moving clock, and its check as of that clock (`check` overrides the expected issuer or audience). */
async function signedToken() {
  await ensureSigningKey(app.db);
  const { clock, ring } = ringAt();
  const token = await sign(ring, clock.now);
  const verify = (check: Partial<typeof expected> = {}) => verifyAccessTokenSignature(ring, token, { ...expected, ...check, now: clock.now });
  return { clock, ring, token, verify };
}

async function sign(ring: KeyRing, now: number) {
  const issuedAt = Math.floor(now / 1000);
  const { token } = await signAccessToken(ring, {
    ...expected,
    clientId: "client",
    owner: { kind: "INTEGRATION_SYSTEM", id: "system", name: "system", tenantId: null },
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
  assert.deepEqual(
    jwks.map((key) => key.kid),
    [row.id],
  );
  // jose alone, with only the published JWK, verifies what the ring signed.
  await jwtVerify(token, async () => (await import("jose")).importJWK(jwks[0], "ES256"), { ...expected, typ: "at+jwt" });
});

test("rotation, on a fixed clock: the new key is published at once and signs a minute later; a token the old key signed just before that verifies until its exp and not after", async () => {
  const at = (iso: string) => Date.parse(iso);
  const ringAt = (iso: string) => new KeyRing(app.db, 3600, () => at(iso));
  const kidOf = (token: string) => decodeProtectedHeader(token).kid;
  // This test writes its own key history on fixed dates; start-up's key is put back afterwards.
  await app.db.signingKey.deleteMany();
  try {
    mock.timers.enable({ apis: ["Date"], now: at("2030-01-01T00:00:00Z") });
    const { kid: oldKid } = await rotateSigningKey(app.db, 3600);
    mock.timers.setTime(at("2030-01-01T10:00:00Z"));
    const { kid: newKid, retired, activatesAt } = await rotateSigningKey(app.db, 3600);
    mock.timers.reset();
    assert.deepEqual(retired, [oldKid]);
    assert.equal(activatesAt.toISOString(), "2030-01-01T10:01:00.000Z");

    // Published at once, on an instance that has never seen either key.
    assert.deepEqual((await ringAt("2030-01-01T10:00:00Z").publicJwks()).map((key) => key.kid).sort(), [newKid, oldKid].sort());
    // The old key signs until 10:01:00, the new one from then on.
    const lastOld = await sign(ringAt("2030-01-01T10:00:59Z"), at("2030-01-01T10:00:59Z"));
    assert.equal(kidOf(lastOld), oldKid);
    assert.equal(decodeJwt(lastOld).exp, at("2030-01-01T11:00:59Z") / 1000);
    assert.equal(kidOf(await sign(ringAt("2030-01-01T10:01:00Z"), at("2030-01-01T10:01:00Z"))), newKid);

    // The old key's last token verifies on any instance until its exp...
    for (const iso of ["2030-01-01T10:01:00Z", "2030-01-01T10:30:00Z", "2030-01-01T11:00:58Z"]) {
      const verdict = await verifyAccessTokenSignature(ringAt(iso), lastOld, { ...expected, now: at(iso) });
      assert.equal(verdict.ok, true, `${iso}: ${JSON.stringify(verdict)}`);
    }
    // ...and not after it (5 s of clock tolerance).
    const late = await verifyAccessTokenSignature(ringAt("2030-01-01T11:01:05Z"), lastOld, { ...expected, now: at("2030-01-01T11:01:05Z") });
    assert.deepEqual(late, { ok: false, reason: "the access token has expired" });
    // The old key stays published past the exp of its last token, then leaves the JWKS and is no longer trusted.
    assert.ok(await ringAt("2030-01-01T11:01:05Z").publishedKey(oldKid), "still published just after its last token's exp");
    assert.deepEqual(
      (await ringAt("2030-01-01T11:02:01Z").publicJwks()).map((key) => key.kid),
      [newKid],
    );
    assert.equal(await ringAt("2030-01-01T11:02:01Z").publishedKey(oldKid), null);
  } finally {
    mock.timers.reset();
    await app.db.signingKey.deleteMany();
    await ensureSigningKey(app.db);
  }
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
  try {
    process.env.SECRET_KEY = randomBytes(32).toString("hex");
    resetConfig(); // lib/config.ts reads SECRET_KEY with the rest of the environment, and lib/secret-key.ts follows it
    const { ring } = ringAt();
    await assert.rejects(ring.activeKey(), /SECRET_KEY differs/);
  } finally {
    process.env.SECRET_KEY = original;
    resetConfig();
  }
});

test("tokens are signed with node:crypto on the thread pool and are the JWS jose verifies against the published JWKS", async () => {
  await ensureSigningKey(app.db);
  const { clock, ring } = ringAt();
  const key = await ring.activeKey();
  const token = await sign(ring, clock.now);
  const [header, payload, signature] = token.split(".");
  assert.deepEqual(JSON.parse(Buffer.from(header, "base64url").toString()), { alg: "ES256", typ: "at+jwt", kid: key.kid }, "exactly the header jose wrote");
  assert.equal(Buffer.from(signature, "base64url").length, 64, "ES256 in JWS form: r || s, not DER");
  assert.equal(decodeJwt(token).iss, ISSUER);
  // Verified by jose, with the public half as the JWKS publishes it.
  const jwk = (await ring.publicJwks()).find((candidate) => candidate.kid === key.kid)!;
  const { payload: verified } = await jwtVerify(token, createLocalJWKSet({ keys: [jwk] }), { ...expected, typ: "at+jwt", algorithms: ["ES256"] });
  assert.equal(verified.sub, "client");
  assert.ok((await verifyAccessTokenSignature(ring, token, { ...expected, now: clock.now })).ok);
  // A signature over another payload does not verify: the signature covers header and payload.
  const forged = `${header}.${Buffer.from(JSON.stringify({ ...decodeJwt(token), scope: "tenant:write" })).toString("base64url")}.${signature}`;
  assert.equal((await verifyAccessTokenSignature(ring, forged, { ...expected, now: clock.now })).ok, false);
  // The payload part is the claims jose verified, byte for byte as signed.
  assert.deepEqual(JSON.parse(Buffer.from(payload, "base64url").toString()), verified);
  // Signatures computed in parallel on the thread pool: each verifies, and each token is its own (jti).
  const parallel = await Promise.all(Array.from({ length: 20 }, () => sign(ring, clock.now)));
  for (const each of parallel) assert.ok((await verifyAccessTokenSignature(ring, each, { ...expected, now: clock.now })).ok);
  assert.equal(new Set(parallel.map((each) => decodeJwt(each).jti)).size, parallel.length);
});

test("a token whose signature verified once is still checked on every use for its issuer, audience, expiry and key", async () => {
  const { clock, ring, token, verify } = await signedToken();
  assert.equal((await verify()).ok, true);
  assert.equal((await verify()).ok, true, "and again, from the verified signature");
  assert.deepEqual(await verify({ issuer: "http://elsewhere.test" }), { ok: false, reason: `the access token's "iss" claim is not accepted` });
  assert.deepEqual(await verify({ audience: "http://compass.test/other" }), { ok: false, reason: `the access token's "aud" claim is not accepted` });
  assert.equal((await verify()).ok, true, "a refusal for another origin does not spoil it for its own");
  // A forged token that shares nothing but the payload is verified on its own, not taken from the cache.
  const [header, payload] = token.split(".");
  const forged = `${header}.${payload}.${Buffer.alloc(64).toString("base64url")}`;
  assert.equal((await verifyAccessTokenSignature(ring, forged, { ...expected, now: clock.now })).ok, false);
  // Expiry, with jose's 5 s of tolerance, as on the first check.
  clock.now += TTL * 1000 + 4_000;
  assert.equal((await verify()).ok, true);
  clock.now += 2_000;
  assert.deepEqual(await verify(), { ok: false, reason: "the access token has expired" });
});

test("a token taken from the verified-token cache is refused for another audience, and for an iat in the future", async () => {
  const { clock, verify } = await signedToken();
  // Each refusal below comes straight after a success, so the token is in the cache and only the recheck can refuse it.
  assert.equal((await verify()).ok, true);
  assert.deepEqual(await verify({ audience: "http://compass.test/other" }), { ok: false, reason: `the access token's "aud" claim is not accepted` });
  assert.equal((await verify()).ok, true);
  // A clock that reads earlier than the token's iat, beyond the tolerance: not a token this server issued by then.
  clock.now -= 10_000;
  assert.deepEqual(await verify(), { ok: false, reason: `the access token's "iat" claim is not accepted` });
});

test("a verified token stops verifying once its key is no longer published", async () => {
  await ensureSigningKey(app.db);
  const { clock, ring } = ringAt();
  const token = await sign(ring, clock.now);
  assert.equal((await verifyAccessTokenSignature(ring, token, { ...expected, now: clock.now })).ok, true);
  const kid = decodeProtectedHeader(token).kid!;
  try {
    // An operator removes the key (say it leaked); the ring re-reads on its next refresh.
    await app.db.signingKey.delete({ where: { id: kid } });
    await ensureSigningKey(app.db);
    clock.now += 31_000;
    await ring.publicJwks();
    assert.deepEqual(await verifyAccessTokenSignature(ring, token, { ...expected, now: clock.now }), {
      ok: false,
      reason: "the access token was signed by an unknown key",
    });
  } finally {
    await app.db.signingKey.deleteMany();
    await ensureSigningKey(app.db);
  }
});
