/**
 * Slows down guessing: `freeAttempts` attempts within `windowMs` for one key
 * (an email, a client address) cost nothing; after that each further attempt
 * must wait twice as long as the last, from one second up to `maxDelayMs`.
 * A success clears the key.
 *
 * Callers count an attempt BEFORE they await its verification (`reserve`),
 * and give it back (`release`) when it succeeds: checking the throttle,
 * awaiting a slow password hash and only then recording the failure would let
 * a parallel burst through in full, every request having passed the check
 * before the first failure was recorded.
 *
 * Kept in memory per process, also when several instances share one
 * database (decided for scale-out, docs/operations.md "Throttling"):
 * - client secrets are 256 random bits: N instances giving N times the
 *   attempts changes nothing about guessing them; there the throttle guards
 *   CPU and the log, which are per-instance resources anyway;
 * - passwords: per account, 5 free tries, then waits doubling from 1 s up to
 *   15 min, so about 15 guesses per account per 15-20 minutes per instance,
 *   ~1,300 a day; with N instances N times that. That stays far from what
 *   guessing a password of the required length takes, except for the most
 *   common passwords, which no throttle makes safe.
 * Sharing it would put a database write on every failed attempt and a read
 * on every token request (the hot path), and make throttling itself fail
 * when the database is unavailable.
 */
export interface ThrottlePolicy {
  freeAttempts: number;
  windowMs: number;
  maxDelayMs: number;
}

interface Entry {
  failures: number;
  firstFailureAt: number;
  blockedUntil: number;
}

export class Throttle {
  private entries = new Map<string, Entry>();

  constructor(
    private policy: ThrottlePolicy,
    private now: () => number = Date.now,
  ) {}

  /** Milliseconds the caller must still wait, 0 when an attempt is allowed now. */
  retryAfterMs(key: string): number {
    const entry = this.current(key);
    return entry ? Math.max(0, entry.blockedUntil - this.now()) : 0;
  }

  /** Whether the key has failed within the window. */
  hasFailures(key: string): boolean {
    return this.current(key) !== undefined;
  }

  /** Counts an attempt as failed (call it before verifying, see `reserve`). */
  recordFailure(key: string): void {
    const now = this.now();
    const entry = this.current(key) ?? { failures: 0, firstFailureAt: now, blockedUntil: 0 };
    entry.failures += 1;
    this.block(entry, now);
    this.entries.set(key, entry);
    if (this.entries.size > 100_000) this.sweep();
  }

  /**
   * A reserved attempt turned out to fail: its wait is counted from now, when
   * the failure is known, rather than from the reservation (a slow check
   * would otherwise use up the wait while it ran).
   */
  confirmFailure(key: string): void {
    const entry = this.current(key);
    if (entry) this.block(entry, this.now());
  }

  /**
   * Gives back one attempt counted by `recordFailure`/`reserve` that turned
   * out to succeed, without clearing the key's other failures.
   */
  release(key: string): void {
    const entry = this.current(key);
    if (!entry) return;
    entry.failures -= 1;
    if (entry.failures <= 0) this.entries.delete(key);
    else if (entry.failures < Math.max(1, this.policy.freeAttempts)) entry.blockedUntil = 0;
  }

  recordSuccess(key: string): void {
    this.entries.delete(key);
  }

  /**
   * Atomically (no await in between) checks every throttle and, when none
   * holds the caller back, counts the attempt in all of them. Returns the
   * milliseconds to wait (nothing counted) or 0 (counted: `release` each on success).
   */
  static reserve(checks: ReadonlyArray<readonly [Throttle, string]>): number {
    const waitMs = Math.max(0, ...checks.map(([throttle, key]) => throttle.retryAfterMs(key)));
    if (waitMs > 0) return waitMs;
    for (const [throttle, key] of checks) throttle.recordFailure(key);
    return 0;
  }

  private block(entry: Entry, now: number): void {
    // The first attempt is always allowed, so 0 free attempts behaves as 1.
    const over = entry.failures - Math.max(1, this.policy.freeAttempts);
    if (over >= 0) entry.blockedUntil = Math.max(entry.blockedUntil, now + Math.min(this.policy.maxDelayMs, 1000 * 2 ** over));
  }

  private current(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.firstFailureAt > this.policy.windowMs && this.now() >= entry.blockedUntil) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    for (const key of this.entries.keys()) this.current(key);
  }
}
