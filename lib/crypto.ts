import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/** A bearer secret: recognizable prefix (for secret scanners) + 256 random bits. */
export function newBearerSecret(prefix: string): string {
  return prefix + randomBytes(32).toString("base64url");
}

/**
 * Lookup hash of a high-entropy token or secret (sessions, setup links, API
 * tokens, client secrets). Plain SHA-256 suffices: the input is 256 random
 * bits. The raw bytes are for constant-time comparison; sha256() is the
 * stored, base64url form of the same hash.
 */
export function sha256Bytes(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

export function sha256(value: string): string {
  return sha256Bytes(value).toString("base64url");
}

export function hmac(key: Buffer, value: string): string {
  return createHmac("sha256", key).update(value).digest("base64url");
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

// scrypt with N=2^15, r=8 needs 32 MiB per hash: memory-hard, and slow enough
// to back the login throttle (docs/decisions/0004-per-instance-throttle-and-caches.md).
const SCRYPT = { N: 1 << 15, r: 8, p: 1, keyLength: 32 };

function scryptAsync(password: string, salt: Buffer, params: { N: number; r: number; p: number }, keyLength: number) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, keyLength, { ...params, maxmem: 256 * params.N * params.r }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** Encodes parameters with the hash so they can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT, SCRYPT.keyLength);
  return ["scrypt", SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = encoded.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await scryptAsync(password, Buffer.from(salt, "base64url"), { N: Number(n), r: Number(r), p: Number(p) }, expected.length);
  return timingSafeEqual(key, expected);
}

/** Hash of a random password, checked against when the email is unknown so timing reveals nothing. */
let decoyHash: Promise<string> | null = null;
export function decoyPasswordHash(): Promise<string> {
  return (decoyHash ??= hashPassword(randomBytes(16).toString("hex")));
}
