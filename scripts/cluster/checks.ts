/**
 * Pass/fail bookkeeping of the scale-out checks, and the figures they print:
 * each check() is printed as it is decided, summary() prints them all and a
 * closing count line that .ci/run adds to its total.
 */
import { say, table } from "@/scripts/bench-support";

export { say, table };

const results: { name: string; ok: boolean; detail: string }[] = [];

/** Records one check; the script fails if any check failed. */
export function check(name: string, ok: boolean, detail = ""): boolean {
  results.push({ name, ok, detail });
  say(`${ok ? "PASS" : "FAIL"} ${name}${detail ? ` (${detail})` : ""}`);
  return ok;
}

/** Prints every check and returns whether all passed. */
export function summary(): boolean {
  const failed = results.filter((result) => !result.ok);
  process.stdout.write(`\n${table([["check", "result"], ...results.map((r) => [r.name, r.ok ? "PASS" : "FAIL"])])}\n\n`);
  say(failed.length === 0 ? `all ${results.length} checks passed` : `${failed.length} of ${results.length} checks FAILED`);
  // The closing line .ci/run adds to its count (it matches this wording).
  process.stdout.write(`cluster checks: ${results.length - failed.length} passed, ${failed.length} failed\n`);
  return failed.length === 0 && results.length > 0;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Nearest-rank percentile. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "-");
