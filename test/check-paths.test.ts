/**
 * scripts/check-paths.ts (`npm run lint:paths`): what it takes for a path in
 * a comment or a doc, and what it refuses, on a made-up repository.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { commentsOf, stalePaths } from "../scripts/check-paths";

function staleIn(files: Record<string, string>): string[] {
  return stalePaths(Object.keys(files), (file) => files[file]).map((reference) => `${reference.file}:${reference.line} ${reference.path}`);
}

const REPOSITORY = {
  "server/main.ts": "",
  "server/fast-path.ts": "",
  "domain/paging/cursor.ts": "",
  "docs/design.md": "# Design\n",
  "oauth2/routes.ts": "",
};

test("a moved file's old name in a comment or a doc is stale; its new one is not", () => {
  const stale = staleIn({
    ...REPOSITORY,
    "lib/http.ts": "/** Set by server.ts from the socket. */\nexport const A = 1;\n// see server/main.ts and server/fast-path.ts\n",
    "test/a.test.ts": "// Secrets never reach the log (DESIGN.md).\n// Secrets never reach the log (docs/design.md).\n",
    "README.md": "Start with `server/main.ts`; the design is [here](docs/design.md), not [there](docs/DESIGN.md) or in `server/old/`.\n",
  });
  assert.deepEqual(stale.sort(), ["README.md:1 docs/DESIGN.md", "README.md:1 server/old/", "lib/http.ts:1 server.ts", "test/a.test.ts:1 DESIGN.md"]);
});

test("paths from the file's folder or one above, bare names of any file, and globs are found", () => {
  const stale = staleIn({
    ...REPOSITORY,
    "domain/tenants/tenant.service.ts": "// keyset paging (paging/cursor.ts); the routes (routes.ts) and `oauth2/*.ts`\n",
    "oauth2/endpoints.ts": "// see routes.ts and ./routes.ts, and `server/*.tsx` (none)\n",
  });
  assert.deepEqual(stale, ["oauth2/endpoints.ts:1 server/*.tsx"]);
});

test("strings, regex literals, URLs, templates, product names and other projects' files are not references", () => {
  const source = [
    'const entry = "server.ts"; const re = /\\/old\\.ts/; const url = `https://example.com/x/old.ts`;',
    "// https://example.com/docs/old.md, graphql/<module>/resolvers/Query.ts, $NAME.ts, /usr/lib/old.js",
    "// Next.js, and oidc-provider's lib/actions/grants/client_credentials.js",
    "const half = 1 / 2; // but old-name.ts here is stale",
  ].join("\n");
  assert.deepEqual(staleIn({ ...REPOSITORY, "lib/x.ts": source }), ["lib/x.ts:4 old-name.ts"]);
  // Comments keep their line; everything else is blanked.
  assert.equal(commentsOf('const a = "//x"; // kept\n/* b */ c').split("\n").length, 2);
  assert.match(commentsOf('const a = "//x"; // kept'), /^\s+\/\/ kept$/);
});

test("paths under what .gitignore names are build output, not the repository's to keep", () => {
  assert.deepEqual(staleIn({ ...REPOSITORY, "lib/y.ts": "// built to dist/server.js and .next/BUILD_ID; node_modules/x/y.js\n" }), []);
});
