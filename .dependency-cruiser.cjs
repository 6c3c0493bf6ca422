/**
 * The layering rules (docs/architecture.md), checked by `npm run lint:deps`.
 * Dependencies point one way:
 *
 *   server/ → app/ (+ instrumentation.ts, proxy.ts) → graphql/, oauth2/ → domain/ → lib/ (+ generated/)
 *
 * graphql/ and oauth2/ are two ways in side by side and never import each
 * other; components/ (the console's client code) may use lib/'s pure helpers
 * but no domain service. Tests and scripts may import anything, and nothing
 * in the product imports them.
 */
const TESTS = "(^|/)[^/]+\\.test\\.tsx?$";
const TOOLING = "^(test|scripts|e2e)/|^playwright\\.config\\.ts$|^codegen\\.ts$|^prisma\\.config\\.ts$|^next\\.config\\.js$";

/** A rule that files under `from` (tests aside) never import anything under `to`. */
const layer = (name, comment, from, to) => ({
  name,
  comment,
  severity: "error",
  from: { path: from, pathNot: [TESTS, TOOLING] },
  to: { path: to, pathNot: "^node_modules/" },
});

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "A circle has no bottom layer: split the shared part out.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    layer("lib-is-a-leaf", "lib/ holds leaf utilities and imports nothing of the product above it.", "^lib/", "^(?!lib/|generated/)[^/]+/|^[^/]+\\.tsx?$"),
    layer(
      "domain-stays-down",
      "domain/ imports none of graphql/, oauth2/, app/, components/, server/.",
      "^domain/",
      "^(graphql|oauth2|app|components|server)/",
    ),
    layer(
      "graphql-is-not-oauth2",
      "graphql/ is a way in: it uses domain/ and lib/, never oauth2/ (the callers that build Yoga pass oauth2's verifier in).",
      "^graphql/",
      "^(oauth2|app|components|server)/",
    ),
    layer("oauth2-is-not-graphql", "oauth2/ is a way in beside graphql/: it uses domain/ and lib/ only.", "^oauth2/", "^(graphql|app|components|server)/"),
    layer(
      "tenant-kinds-through-the-core",
      "graphql/ and app/ reach a tenant-scoped kind only through domain/tenant-objects/ (its descriptor, the core, graphql/tenant-objects/): the kind-named bindings in domain/applications/ and domain/runtimes/ are for tests and scripts, and a way in that called around the core would skip its tenant, manager and audit rules.",
      "^(graphql|app)/",
      "^domain/(applications|runtimes)/",
    ),
    {
      name: "no-prisma-above-domain",
      comment:
        "Above domain/, Prisma's generated client is named only for row types: by schema.mappers.ts (codegen's mappers) and graphql/context.ts (the loaders). Queries, raw SQL and clients stay in domain/, a tenant-scoped table's in domain/tenant-objects/. (swc does not tell type-only imports apart, so the rule names the files.)",
      severity: "error",
      from: { path: "^(graphql|app)/", pathNot: [TESTS, TOOLING, "/schema\\.mappers\\.ts$", "^graphql/context\\.ts$"] },
      to: { path: "^generated/prisma-" },
    },
    layer(
      "app-is-below-server",
      "app/ (Next's routes) is started by server/ and never reaches back into it.",
      "^(app/|instrumentation\\.ts$|proxy\\.ts$)",
      "^server/",
    ),
    layer(
      "components-use-no-services",
      "The console's components call the API; they may use lib/'s pure helpers but no domain service, way in or route.",
      "^components/",
      "^(domain|graphql|oauth2|app|server)/",
    ),
    layer(
      "product-imports-no-tooling",
      "Tests, scripts and e2e specs may import the product, never the other way round.",
      "^(lib|domain|graphql|oauth2|app|components|server)/|^[^/]+\\.tsx?$",
      TOOLING,
    ),
    {
      name: "not-to-unresolvable",
      comment: "An import that resolves to nothing is a typo or a missing dependency.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // TypeScript 7 has no compiler API for dependency-cruiser to parse with; swc reads the sources, type-only imports included.
    parser: "swc",
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // The generated Prisma clients are leaves: seen as import targets (no-prisma-values-above-domain), never read.
    doNotFollow: { path: "^(node_modules|generated/prisma-)" },
    exclude: { path: "^(node_modules|\\.next|data|test-results)" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      mainFields: ["module", "main", "types", "typings"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".d.ts", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
