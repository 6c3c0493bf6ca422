import { BoundedMap } from "./bounded-map";
import { type CacheName, countCacheLookup } from "./metrics";

export interface FreshCacheOptions {
  /** The label its hits and misses are counted under (lib/metrics.ts). */
  name: CacheName;
  /** An answer is used for at most this long after the read that fetched it started. */
  freshnessMs: number;
  /** At most this many answers are kept; past it the oldest are forgotten (keys may be chosen by an attacker). */
  max: number;
  now?: () => number;
}

interface Entry<V> {
  value: V;
  fetchedAt: number;
}

/**
 * Answers read from the database, kept for a short freshness window, with
 * one shared read per key for concurrent requests (docs/decisions/0004-per-instance-throttle-and-caches.md).
 *
 * Invalidation detaches the reads in flight rather than counting generations:
 * a read is cached only if it is still the registered read for its key when
 * it ends. `forget(key)` detaches that key's read (per key, so revoking one
 * token does not make every other request read again); `forgetWhere`
 * detaches every read in flight (global), because a read's value, which the
 * predicate looks at, is not known before it ends. A detached read still
 * answers the callers that joined it, which asked before the change; callers
 * that ask after it start a read of their own.
 */
export class FreshCache<K, V> {
  private readonly entries: BoundedMap<K, Entry<V>>;
  private readonly pending = new Map<K, Promise<V>>();
  private readonly now: () => number;

  constructor(private readonly options: FreshCacheOptions) {
    this.entries = new BoundedMap(options.max);
    this.now = options.now ?? Date.now;
  }

  /** The cached answer while fresh, else `read()`'s, shared with concurrent callers for the same key. */
  get(key: K, read: () => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    const fresh = entry !== undefined && this.now() - entry.fetchedAt < this.options.freshnessMs;
    countCacheLookup(this.options.name, fresh);
    if (fresh) return Promise.resolve(entry.value);
    if (entry) this.entries.delete(key);
    const joined = this.pending.get(key);
    if (joined) return joined;
    const fetchedAt = this.now();
    const reading: Promise<V> = read().then(
      (value) => {
        if (this.pending.get(key) === reading) {
          this.pending.delete(key);
          this.entries.set(key, { value, fetchedAt });
        }
        return value;
      },
      (error: unknown) => {
        if (this.pending.get(key) === reading) this.pending.delete(key);
        throw error;
      },
    );
    this.pending.set(key, reading);
    return reading;
  }

  /** Keeps `value` until it is forgotten or evicted (what this process itself just wrote, e.g. a revocation). */
  pin(key: K, value: V): void {
    this.pending.delete(key);
    this.entries.set(key, { value, fetchedAt: Number.POSITIVE_INFINITY });
  }

  /** Call after changing what `key` reads: the next request reads afresh, and a read in flight is not cached. */
  forget(key: K): void {
    this.pending.delete(key);
    this.entries.delete(key);
  }

  /** Forgets every answer `matches`, and detaches every read in flight (their values are not known yet). */
  forgetWhere(matches: (value: V) => boolean): void {
    this.pending.clear();
    for (const [key, entry] of this.entries) if (matches(entry.value)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
