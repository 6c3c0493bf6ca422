/**
 * Reading a CPU profile of the product's server (node --cpu-prof, as
 * scripts/bench-token.ts runs it with BENCH_PROFILE=1): the samples taken
 * while the load ran, bucketed by what the time went to (JWT signing, the
 * SHA-256 secret check, HTTP, the product's own code, ...), and the
 * functions with the most self time.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ROOT, table } from "./bench-support";

/** Start and end in µs of the monotonic clock that V8 stamps CPU profiles with. */
export interface TimeWindow {
  start: number;
  end: number;
}

/** process.hrtime is CLOCK_MONOTONIC on Linux, as are V8's profile timestamps; checked against the profile before use. */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const IDLE = "idle";
const STARTUP = "start-up, module loading (node:internal/modules, tsx)";
const BUCKETS = [
  "JWT signing (jose, node's crypto internals: handing the signature to the thread pool)",
  "SHA-256 secret check (createHash, timingSafeEqual)",
  "HTTP parsing and writing (node:_http_*, net, streams)",
  "the product's own code (server/, app/, graphql/, oauth2/, domain/, lib/)",
  "garbage collector",
  "V8 and native code outside JS ((program))",
  STARTUP,
  "other (other packages and Node.js internals)",
] as const;
const [JWT, SHA, HTTP, PRODUCT, GC, PROGRAM, , OTHER] = BUCKETS;

const ROOT_URL = pathToFileURL(ROOT).href;
const isCrypto = (url: string) => url === "node:crypto" || url.startsWith("node:internal/crypto/");
const isJose = (url: string) => url.includes("/node_modules/jose/");

/** The bucket of a sample whose leaf is `node`, by the nearest frame with a script (native functions count as their caller). */
function bucketOf(node: CpuProfileNode, parentOf: Map<number, CpuProfileNode>): string {
  const { functionName } = node.callFrame;
  if (functionName === "(idle)") return IDLE;
  if (functionName === "(garbage collector)") return GC;
  if (functionName === "(program)" || functionName === "(root)") return PROGRAM;
  if (functionName === "timingSafeEqual" && !node.callFrame.url) return SHA;
  let frame = node;
  while (!frame.callFrame.url && parentOf.has(frame.id)) frame = parentOf.get(frame.id)!;
  const { url } = frame.callFrame;
  if (isJose(url)) return JWT;
  if (isCrypto(url)) {
    for (let caller = parentOf.get(frame.id); caller; caller = parentOf.get(caller.id)) if (isJose(caller.callFrame.url)) return JWT;
    return url === "node:internal/crypto/hash" || url === "node:crypto" ? SHA : JWT;
  }
  if (/^node:(_http_|https?$|net$|stream$|_stream_|internal\/(http|streams\/|stream_base_commons|net))/.test(url)) return HTTP;
  if (/^node:internal\/(modules|bootstrap|main)\//.test(url) || /\/node_modules\/(tsx|esbuild|get-tsconfig)\//.test(url)) return STARTUP;
  if (["/lib/", "/graphql/", "/domain/", "/oauth2/", "/server/", "/app/"].some((prefix) => url.startsWith(ROOT_URL + prefix))) return PRODUCT;
  return OTHER;
}

const sources = new Map<string, string[] | null>();

/**
 * file:line of a profiled function. tsx compiles TypeScript onto one line
 * (esbuild's minifyWhitespace; it keeps names), so for a .ts file the
 * profile's line says nothing: the line is that of the function's definition,
 * found by its name in the source, or left out if it is not found.
 */
function location(functionName: string, url: string, lineNumber: number): string {
  if (!url) return "(native)";
  const file = url.startsWith(`${ROOT_URL}/`) ? url.slice(ROOT_URL.length + 1) : url;
  if (!/^file:.*\.[cm]?tsx?$/.test(url)) return `${file}:${lineNumber + 1}`;
  if (!sources.has(url)) sources.set(url, fs.existsSync(fileURLToPath(url)) ? fs.readFileSync(fileURLToPath(url), "utf8").split("\n") : null);
  const lines = sources.get(url);
  if (!lines || !/^[\w$]+$/.test(functionName)) return file;
  const name = functionName.replace(/[$]/g, "\\$&");
  // A function declaration or a function in a variable first, then a method (a line that opens its body).
  const definitions = [
    new RegExp(`(\\bfunction\\s*\\*?\\s*${name}\\s*[<(]|\\b(const|let|var)\\s+${name}\\s*[=:])`),
    new RegExp(`^\\s*((public|private|protected|static|async|get|set)\\s+)*\\*?${name}\\s*[<(].*\\{\\s*$`),
  ];
  let index = -1;
  for (const definition of definitions) if (index < 0) index = lines.findIndex((line) => definition.test(line));
  return index < 0 ? file : `${file}:${index + 1}`;
}

/**
 * Where the main thread of the product's process (pid) spent its time while
 * it was under load, from the CPU profile node's --cpu-prof wrote into
 * profileDir: self time by bucket, and the top functions.
 */
export function profileReport(profileDir: string, pid: number, windows: TimeWindow[]): string {
  // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; thread 0 is the main thread. Next's child process writes its own.
  const files = fs.existsSync(profileDir) ? fs.readdirSync(profileDir) : [];
  const file = files.find((name) => name.endsWith(".cpuprofile") && name.split(".")[3] === String(pid) && name.split(".")[4] === "0");
  if (!file) throw new Error(`no CPU profile of the product's main thread (pid ${pid}) in ${profileDir}; found: ${files.join(", ") || "none"}`);
  const profile = JSON.parse(fs.readFileSync(path.join(profileDir, file), "utf8")) as CpuProfile;

  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, CpuProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node);

  // Only samples inside the measured runs count, if the runs can be placed on the profile's clock.
  const inProfile = windows.length > 0 && windows.every((window) => window.start >= profile.startTime && window.end <= profile.endTime);
  const selfMicros = new Map<number, number>();
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i];
    // A sample stands for the time until the next one.
    const next = i + 1 < profile.samples.length ? time + profile.timeDeltas[i + 1] : profile.endTime;
    if (inProfile && !windows.some((window) => time >= window.start && time < window.end)) continue;
    selfMicros.set(profile.samples[i], (selfMicros.get(profile.samples[i]) ?? 0) + Math.max(0, next - time));
  }

  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const node = byId.get(id)!;
    const bucket = bucketOf(node, parentOf);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + micros);
    if (bucket === IDLE || (!inProfile && bucket === STARTUP)) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || "(anonymous)"}  ${location(functionName, url, lineNumber)}`;
    functions.set(key, (functions.get(key) ?? 0) + micros);
  }
  const counted = BUCKETS.filter((bucket) => inProfile || bucket !== STARTUP);
  const busy = counted.reduce((total, bucket) => total + (buckets.get(bucket) ?? 0), 0);
  const share = (micros: number) => (busy > 0 ? `${((micros * 100) / busy).toFixed(1)}%` : "n/a");
  const ms = (micros: number) => (micros / 1000).toFixed(0);
  const top = [...functions].sort((a, b) => b[1] - a[1]).slice(0, 15);

  return (
    `where the product's token time goes: CPU profile of server/main.ts's main thread (pid ${pid}), ` +
    (inProfile
      ? `the ${windows.length} measured product runs only`
      : `its whole life, start-up and module loading left out (the measured runs could not be placed on the profile's clock)`) +
    `\n(self time, % of busy time; the signatures are computed on libuv's thread pool, outside this profile; V8's sampler\n charges a call that wakes another thread (writev, the signing hand-off) with kernel time spent meanwhile, so those two read high)\n` +
    table([
      ["bucket", "busy", "ms"],
      ...counted.map((bucket) => [bucket, share(buckets.get(bucket) ?? 0), ms(buckets.get(bucket) ?? 0)]),
      ["busy, all of the above", share(busy), ms(busy)],
      ["idle (not in busy)", "", ms(buckets.get(IDLE) ?? 0)],
    ]) +
    `\n\ntop 15 functions by self time\n` +
    table([["function  file:line", "busy", "ms"], ...top.map(([key, micros]) => [key, share(micros), ms(micros)])]) +
    "\n\n"
  );
}
