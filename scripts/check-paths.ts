/**
 * `npm run lint:paths` (part of `npm test`): every repository path named in
 * the docs (Markdown) and in code comments (TypeScript, JavaScript, JSONC)
 * must exist, so that a move or a rename cannot leave a stale name behind
 * (issue 21: comments still naming the server's entry by the name it had
 * before it became server/main.ts, tests citing the design document by a
 * name it no longer has).
 *
 * A reference is a token that looks like a path: one with a file extension
 * (`lib/http.ts`, `routes.ts`, `README.md`), or a backticked one whose first
 * segment is a top-level folder of the repository (`domain/labels/`,
 * `.ci/run`), or a Markdown link's target. It is found when it is:
 * - a file or folder from the repository's root, or from the referring file's
 *   folder or one above it (here, `cluster/client.ts` is scripts/cluster/client.ts);
 * - for a bare file name (no folder), the name of any file in the repository;
 * - a glob (`app/oauth2/*\/route.ts`) that some file matches;
 * - under a folder .gitignore names (build output: `.next/`, `dist/`, `data/`, `*.generated.ts`);
 * - another project's file, said so ("oidc-provider's lib/actions/grants/client_credentials.js"),
 *   or under one of OTHER_PROJECTS below, or in node_modules/.
 * Templates (`graphql/<module>/...`, `${name}.ts`), absolute paths, URLs and
 * product names ("Next.js") are not references.
 *
 * The files are the ones git knows (tracked, or new and not ignored); the
 * check reads them once and takes well under a second.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const EXTENSIONS = "ts|tsx|js|cjs|mjs|md|json|jsonc|prisma|sql|graphql|graphqls|css|sh|yml|yaml|toml|svg|png";
const CODE = /\.(ts|tsx|js|cjs|mjs|jsonc)$/;
/** A path with an extension, not part of a larger word, URL or absolute path. */
const PATH_WITH_EXTENSION = new RegExp(`(?<![\\w./@:~\\\\$<{*|-])((?:[\\w.*@-]+/)*[\\w.*-]*[\\w*]\\.(?:${EXTENSIONS}))(?![\\w/-])`, "g");
const BACKTICKED = /`([^`\s]+)`/g;
const MARKDOWN_LINK = /\]\(([^)\s#]+)(?:#[^)]*)?\)/g;
/** "oidc-provider's lib/actions/grants/client_credentials.js": another project's file. */
const OWNED_BY = /[\w@/.-]+'s\s+$/;
/** Products, not files. */
const PRODUCT_NAME = /^[A-Z][a-z]+\.js$/;
/** Other projects' trees that the docs cite by path, and why. */
const OTHER_PROJECTS = [
  // Compass's own repository: the docs and fixtures that reproduce its requests cite its schema and e2e tests.
  "components/director/",
  "components/connector/",
];

interface Reference {
  file: string;
  line: number;
  path: string;
  /** Whether another project is named just before it ("X's path"). */
  foreign: boolean;
}

function repositoryFiles(): string[] {
  const out = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  return out.split("\0").filter((file) => file !== "" && fs.existsSync(path.join(ROOT, file)));
}

/** The text of a code file's comments, other characters blanked (lines kept, so line numbers hold). */
export function commentsOf(source: string): string {
  let out = "";
  let i = 0;
  // The last significant character outside comments, to tell a regex literal from a division.
  let previous = "";
  const blank = (text: string) => text.replace(/[^\n]/g, " ");
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === "/" && next === "/") {
      const end = source.indexOf("\n", i);
      const stop = end < 0 ? source.length : end;
      out += source.slice(i, stop);
      i = stop;
    } else if (c === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end < 0 ? source.length : end + 2;
      out += source.slice(i, stop);
      i = stop;
    } else if (c === '"' || c === "'" || c === "`" || (c === "/" && (previous === "" || "(,=:[!&|?{};+-*%<>~^".includes(previous)))) {
      // A string, template or regex literal: skipped (escapes honoured; a template's ${} is skipped whole).
      let j = i + 1;
      let inClass = false;
      while (j < source.length) {
        const d = source[j];
        if (d === "\\") {
          j += 2;
          continue;
        }
        if (c === "/" && d === "[") inClass = true;
        else if (c === "/" && d === "]") inClass = false;
        else if (d === c && !inClass) break;
        else if (c !== "`" && d === "\n") break;
        j++;
      }
      out += blank(source.slice(i, j + 1));
      i = j + 1;
      previous = "x";
    } else {
      out += c === "\n" ? "\n" : " ";
      if (!/\s/.test(c)) previous = c;
      i++;
    }
  }
  return out;
}

function referencesIn(file: string, text: string, topLevel: Set<string>): Reference[] {
  const found: Reference[] = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const lineOf = (index: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= index) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
  const seen = new Set<string>();
  const add = (candidate: string, index: number) => {
    // A link's target is also a path with an extension: one reference.
    const key = `${index}\n${candidate}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ file, line: lineOf(index), path: candidate, foreign: OWNED_BY.test(text.slice(Math.max(0, index - 60), index)) });
  };
  for (const match of text.matchAll(PATH_WITH_EXTENSION)) add(match[1], match.index);
  for (const match of text.matchAll(BACKTICKED)) {
    const token = match[1].replace(/[.,:;)]+$/, "");
    const first = token.split("/")[0];
    // Extension paths were taken above; here folders and extension-less files under a top-level folder.
    if (token.includes("/") && topLevel.has(first) && !new RegExp(`\\.(${EXTENSIONS})$`).test(token)) add(token, match.index + 1);
  }
  if (file.endsWith(".md")) {
    for (const match of text.matchAll(MARKDOWN_LINK)) if (!/^[a-z]+:/i.test(match[1])) add(decodeURI(match[1]), match.index + 2);
  }
  return found;
}

function globToRegExp(glob: string): RegExp {
  const pattern = glob
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^/]*");
  return new RegExp(`^(?:.*/)?${pattern}$`);
}

/** Build output and other ignored places: a path under one is not the repository's to keep. */
function ignoredMatcher(): (candidate: string) => boolean {
  const patterns = fs
    .readFileSync(path.join(ROOT, ".gitignore"), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#") && !line.startsWith("!"));
  const tests = patterns.map((pattern) => {
    const bare = pattern.replace(/^\//, "").replace(/\/$/, "");
    return globToRegExp(bare);
  });
  return (candidate) => {
    const segments = candidate.replace(/\/$/, "").split("/");
    for (let i = 1; i <= segments.length; i++) {
      const prefix = segments.slice(0, i).join("/");
      if (tests.some((test) => test.test(prefix))) return true;
    }
    return false;
  };
}

/** A file's folder and every folder above it, nearest first. */
function ancestorsOf(file: string): string[] {
  const folders: string[] = [];
  for (let folder = path.posix.dirname(file); folder !== "."; folder = path.posix.dirname(folder)) folders.push(folder);
  return folders;
}

export function stalePaths(files: string[], read: (file: string) => string): Reference[] {
  const fileSet = new Set(files);
  const folders = new Set<string>();
  const basenames = new Set<string>();
  for (const file of files) {
    basenames.add(path.posix.basename(file));
    const parts = file.split("/");
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join("/"));
  }
  const topLevel = new Set([...folders].filter((folder) => !folder.includes("/")));
  const ignored = ignoredMatcher();
  const exists = (candidate: string) => fileSet.has(candidate) || folders.has(candidate.replace(/\/$/, ""));
  const stale: Reference[] = [];
  for (const file of files) {
    if (!file.endsWith(".md") && !CODE.test(file)) continue;
    const source = read(file);
    const text = file.endsWith(".md") ? source : commentsOf(source);
    for (const reference of referencesIn(file, text, topLevel)) {
      const candidate = reference.path.replace(/^\.\//, "");
      if (/[<>{}$…]|\.\.\.|^\/|^~/.test(candidate) || PRODUCT_NAME.test(candidate)) continue;
      if (reference.foreign || OTHER_PROJECTS.some((prefix) => candidate.startsWith(prefix))) continue;
      if (exists(candidate) || ancestorsOf(file).some((folder) => exists(path.posix.normalize(path.posix.join(folder, candidate))))) continue;
      if (!candidate.includes("/") && basenames.has(candidate)) continue;
      if (candidate.includes("*")) {
        const glob = globToRegExp(candidate);
        if (files.some((f) => glob.test(f))) continue;
      }
      if (ignored(candidate) || candidate.startsWith("node_modules/")) continue;
      stale.push(reference);
    }
  }
  return stale;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const files = repositoryFiles();
  const stale = stalePaths(files, (file) => fs.readFileSync(path.join(ROOT, file), "utf8"));
  for (const reference of stale) {
    process.stdout.write(`${reference.file}:${reference.line}: names ${reference.path}, which is not in the repository\n`);
  }
  const elapsed = (performance.now() - started).toFixed(0);
  if (stale.length > 0) {
    process.stdout.write(`${stale.length} stale path(s): fix the name, or the path if it moved (${elapsed} ms)\n`);
    process.exit(1);
  }
  process.stdout.write(`paths in docs and comments: all ${files.length} files checked, none stale (${elapsed} ms)\n`);
}
