import { log } from "./logger";

/**
 * Notes when credentials are used and writes lastUsedAt in batches, off the
 * request path: one write per key per flush, however many requests used it.
 * The write must tolerate a key deleted meanwhile (updateMany matches nothing).
 */
export class UseRecorder {
  private readonly uses = new Map<string, Date>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly write: (key: string, usedAt: Date) => Promise<unknown>,
    /** What is recorded, for the log line when a flush fails. */
    private readonly what: string,
    private readonly flushMs = 5_000,
  ) {}

  record(key: string, usedAt: Date): void {
    this.uses.set(key, usedAt);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.flush().catch((error: Error) => log.warn(`could not record ${this.what}' last use`, { error: error.message }));
    }, this.flushMs).unref();
  }

  /** Drops a pending use (the credential is gone). */
  forget(key: string): void {
    this.uses.delete(key);
  }

  /** Writes pending uses now (shutdown, tests). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = [...this.uses];
    this.uses.clear();
    for (const [key, usedAt] of batch) await this.write(key, usedAt);
  }
}
