/**
 * `npm run build` (after `next build`): bundles the production server into
 * dist/ so that `npm start` runs plain JavaScript with `node`, without tsx
 * transpiling every module at each start (docs/decisions/0008-production-start.md).
 *
 * Two bundles, one per process:
 * - dist/server.js from SERVER_ENTRY (or the first argument);
 * - dist/next-server.js, the Next.js child. The proxy forks the file named
 *   `next-server` beside its own module with its own extension, and in the
 *   bundle its own module is dist/server.js; so the child's source is found as
 *   the `next-server.ts` beside whichever `next-proxy.ts` the server bundle
 *   pulled in, wherever the two live.
 *
 * Our own code, the `@/` alias (tsconfig.json paths) and Prisma's generated
 * client (TypeScript, in generated/) are bundled; packages in node_modules are
 * not, so native modules (better-sqlite3), Prisma's wasm runtime and Next load
 * from node_modules as they do under tsx. Deploy dist/ with node_modules,
 * .next and prisma/migrations.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type BuildOptions, build } from "esbuild";

/** The server's entry, relative to the project root. */
const SERVER_ENTRY = "server/main.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT_DIR = path.join(ROOT, "dist");

const common: BuildOptions = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Applied after the tsconfig paths, so `@/lib/...` is still bundled.
  packages: "external",
  tsconfig: path.join(ROOT, "tsconfig.json"),
  outdir: OUT_DIR,
  outExtension: { ".js": ".js" },
  sourcemap: "linked",
  logLevel: "warning",
  metafile: true,
};

async function main() {
  const entry = process.argv[2] ?? SERVER_ENTRY;
  fs.rmSync(OUT_DIR, { recursive: true, force: true });

  const server = await build({ ...common, entryPoints: { server: entry } });
  const inputs = Object.keys(server.metafile!.inputs);

  // The server process must never load Next (server/main.ts says why).
  const importsNext = Object.values(server.metafile!.inputs).some((input) =>
    input.imports.some((imported) => imported.external && /^next(\/|$)/.test(imported.path)),
  );
  if (importsNext) throw new Error(`${entry} pulls in the "next" package: the server process must not load Next`);

  const proxy = inputs.filter((input) => path.basename(input) === "next-proxy.ts");
  if (proxy.length !== 1) throw new Error(`expected one next-proxy.ts among the server's modules, found ${proxy.length}`);
  const childEntry = path.join(path.dirname(proxy[0]), "next-server.ts");
  if (!fs.existsSync(path.join(ROOT, childEntry))) throw new Error(`${childEntry} does not exist`);
  await build({ ...common, entryPoints: { "next-server": childEntry } });

  console.log(`built dist/server.js (${entry}) and dist/next-server.js (${childEntry})`);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
