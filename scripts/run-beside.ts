/**
 * `npm test` runs the SQLite run and the browser run at once: the browser run
 * spends most of its time waiting on Chromium and the server (~200 CPU s in
 * ~6 minutes), which the CPU-bound database run fills
 * (docs/decisions/0035-test-suite-time.md).
 *
 * Usage: tsx scripts/run-beside.ts <npm script> <npm script>
 *
 * Both npm scripts start together. The first runs at a lower priority (nice
 * 10), so the second, which has timeouts and waits on pages, gets the CPU
 * whenever it asks; the first takes the rest. The first's output comes as it
 * is written; the second's is kept and printed whole after the first ends, so
 * the two never interleave and every summary line stays on a line of its own.
 * Both always run to the end; the exit status is the first failure's.
 */
import { spawn } from "node:child_process";

const [first, second] = process.argv.slice(2);
if (!first || !second) throw new Error("usage: run-beside.ts <npm script> <npm script>");

/** Resolves to the exit status (1 for a signal or a failed start). */
function exited(child: ReturnType<typeof spawn>): Promise<number> {
  return new Promise((resolve) => {
    child.on("error", (error) => {
      console.error(`run-beside: ${error.message}`);
      resolve(1);
    });
    child.on("close", (code) => resolve(code ?? 1));
  });
}

const kept: Buffer[] = [];
const secondChild = spawn("npm", ["run", second], { stdio: ["ignore", "pipe", "pipe"] });
// stdout and stderr in the order they came, as a terminal would show them.
secondChild.stdout.on("data", (chunk: Buffer) => kept.push(chunk));
secondChild.stderr.on("data", (chunk: Buffer) => kept.push(chunk));
const secondStatus = exited(secondChild);

const firstChild = spawn("nice", ["-n", "10", "npm", "run", first], { stdio: "inherit" });
// A terminal's Ctrl-C reaches both already (one process group); a CI runner's SIGTERM reaches only this process.
process.on("SIGTERM", () => {
  firstChild.kill("SIGTERM");
  secondChild.kill("SIGTERM");
});
const firstStatus = await exited(firstChild);
console.log(`\nrun-beside: ${first} ended (exit ${firstStatus}); the output of ${second}, run beside it, follows once it ends.\n`);
const status = await secondStatus;
process.stdout.write(Buffer.concat(kept));
console.log(`\nrun-beside: ${second} ended (exit ${status}).`);
process.exit(firstStatus !== 0 ? firstStatus : status);
