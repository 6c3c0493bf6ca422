import { randomBytes } from "node:crypto";

/**
 * UUIDv7 (RFC 9562): a millisecond timestamp followed by randomness, so ids
 * sort in creation order. Lists ordered by (createdAt, id) then keep insertion
 * order even for rows created within the same millisecond. Within one
 * millisecond a 12-bit counter keeps this process's ids increasing.
 */
let lastMs = 0;
let sequence = 0;

export function newId(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    sequence++;
    if (sequence > 0xfff) {
      // 4096 ids in one millisecond: borrow the next millisecond.
      lastMs++;
      sequence = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    sequence = 0;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
