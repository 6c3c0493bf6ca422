/**
 * `npm run test:sqlite` / `test:postgres`: every service and GraphQL test file
 * on one database, in node's test runner, each file in its own process.
 *
 * Each file is bundled first (esbuild; packages stay external): a process that
 * loads the app's TypeScript through tsx's module hooks spent 2 of its 3 CPU
 * seconds in the hooks, before its first test (docs/decisions/0035-test-suite-time.md).
 * The bundles keep each source file's import.meta (fixtures found beside a
 * test, the Prisma client's own folder). A file that imports TypeScript by
 * URL at run time (TSX_AT_RUN_TIME) runs from its source through tsx, as before.
 *
 * Usage: tsx scripts/run-tests.ts sqlite|postgresql [--concurrency N] [file ...]
 * (the named test files only, when given).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type Plugin, build } from "esbuild";

const ROOTS = ["domain", "graphql", "lib", "oauth2", "server", "test"];
/** lib/cross-copy.test.ts imports a second copy of a .ts module by its URL, which only tsx can load. */
const TSX_AT_RUN_TIME = new Set(["lib/cross-copy.test.ts"]);

const [provider, ...options] = process.argv.slice(2);
if (provider !== "sqlite" && provider !== "postgresql") throw new Error("usage: run-tests.ts sqlite|postgresql [--concurrency N] [file ...]");
const concurrency = options[0] === "--concurrency" ? Number(options[1]) : 2;
const named = options[0] === "--concurrency" ? options.slice(2) : options;

function testFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith(".test.ts") && !entry.name.endsWith(".server.test.ts")) found.push(file);
    }
  };
  for (const root of ROOTS) walk(root);
  return found.sort();
}

/** import.meta as the source file has it, not as the bundle would. */
const sourceImportMeta: Plugin = {
  name: "source-import-meta",
  setup(builder) {
    builder.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = await fs.promises.readFile(args.path, "utf8");
      if (!text.includes("import.meta")) return { contents: text, loader: args.path.endsWith(".tsx") ? "tsx" : "ts" };
      const contents = text
        .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll("import.meta.dirname", JSON.stringify(path.dirname(args.path)))
        .replaceAll("import.meta.filename", JSON.stringify(args.path));
      return { contents, loader: args.path.endsWith(".tsx") ? "tsx" : "ts" };
    });
  },
};

const files = named.length > 0 ? named.map((file) => path.normalize(file)) : testFiles();
const bundled = files.filter((file) => !TSX_AT_RUN_TIME.has(file));
// Inside the repository, so the bundles find node_modules as the sources do; one folder per
// run, so runs side by side (both databases, a single file meanwhile) never share one.
const outdir = path.join(".test-build", `${provider}-${process.pid}`);
await build({
  entryPoints: bundled,
  outdir,
  outbase: ".",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
  plugins: [sourceImportMeta],
});
const bundles = bundled.map((file) => path.join(outdir, file.replace(/\.ts$/, ".mjs")));

function run(nodeOptions: string[], files: string[]): number {
  // With no files node's runner would look for tests of its own.
  if (files.length === 0) return 0;
  const result = spawnSync(process.execPath, [...nodeOptions, "--test", `--test-concurrency=${concurrency}`, "--test-reporter=spec", ...files], {
    stdio: "inherit",
    env: { ...process.env, TEST_DATABASE: provider },
  });
  return result.status ?? 1;
}

let status: number[];
try {
  status = [
    run(["--enable-source-maps"], bundles),
    run(
      ["--import", "tsx"],
      files.filter((file) => TSX_AT_RUN_TIME.has(file)),
    ),
  ];
} finally {
  fs.rmSync(outdir, { recursive: true, force: true });
}
process.exit(status.find((code) => code !== 0) ?? 0);
